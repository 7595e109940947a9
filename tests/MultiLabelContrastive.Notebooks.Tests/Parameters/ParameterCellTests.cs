using MultiLabelContrastive.Notebooks.Parameters;

namespace MultiLabelContrastive.Notebooks.Tests.Parameters;

public sealed class ParameterCellTests
{
    private enum Mode
    {
        Fast,
        Full,
    }

    [Theory]
    [InlineData(typeof(bool), "True", "X = true;")]
    [InlineData(typeof(int), "12", "X = (int)12;")]
    [InlineData(typeof(long), "-3", "X = -3L;")]
    [InlineData(typeof(double), "1e-3", "X = 0.001d;")]
    [InlineData(typeof(double), "NaN", "X = double.NaN;")]
    [InlineData(typeof(float), "0.5", "X = (float)0.5d;")]
    [InlineData(typeof(decimal), "2.50", "X = 2.50m;")]
    [InlineData(typeof(string), "say \"hi\"\n", "X = \"say \\\"hi\\\"\\n\";")]
    [InlineData(typeof(char), "c", "X = 'c';")]
    [InlineData(typeof(int?), "null", "X = null;")]
    [InlineData(typeof(int[]), "1, 2,3", "X = new int[] { (int)1, (int)2, (int)3 };")]
    [InlineData(typeof(string[]), "a,b", "X = new string[] { \"a\", \"b\" };")]
    [InlineData(typeof(Mode), "full", "X = global::MultiLabelContrastive.Notebooks.Tests.Parameters.ParameterCellTests.Mode.Full;")]
    public void Values_become_literals_of_the_default_type(Type type, string value, string expected)
    {
        Assert.Equal(expected, ParameterCell.Assignment("X", value, type));
    }

    [Theory]
    [InlineData(typeof(int), "1.5", "'1.5' is not a valid int.")]
    [InlineData(typeof(int), "3000000000", "'3000000000' is not a valid int.")]
    [InlineData(typeof(bool), "yes", "'yes' is not a valid bool.")]
    [InlineData(typeof(Mode), "Slow", "'Slow' is not a member of Mode (Fast, Full).")]
    [InlineData(typeof(DateTime), "2020-01-01", "parameters of type global::System.DateTime cannot be set")]
    public void Bad_values_name_the_type(Type type, string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ParameterCell.Assignment("X", value, type));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_names_are_the_top_level_variables_of_the_cell()
    {
        var names = ParameterCell.DeclaredNames("// defaults\nvar Quick = false;\nint Epochs = 10, Seeds = 3;\ndouble Rate = 0.1;\nConsole.WriteLine(Rate);\nvoid F() { var local = 1; }");

        Assert.Equal(["Quick", "Epochs", "Seeds", "Rate"], names);
    }

    [Fact]
    public void Assignments_parse_names_and_values_and_quick_adds_quick()
    {
        var parsed = ParameterAssignments.Parse(["A=1", "B=x=y", "A=2", "C="]);

        Assert.Equal(new Dictionary<string, string> { ["A"] = "2", ["B"] = "x=y", ["C"] = "" }, parsed);
        Assert.Equal("true", ParameterAssignments.WithQuick(parsed, quick: true)["Quick"]);
        Assert.Equal("false", ParameterAssignments.WithQuick(ParameterAssignments.Parse(["Quick=false"]), quick: true)["Quick"]);
        Assert.False(ParameterAssignments.WithQuick(parsed, quick: false).ContainsKey("Quick"));
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=1")]
    [InlineData("1a=2")]
    [InlineData("a-b=2")]
    public void Malformed_assignments_are_refused(string item)
    {
        var error = Assert.Throws<ArgumentException>(() => ParameterAssignments.Parse([item]));

        Assert.Contains($"'{item}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("assignments", error.ParamName);
    }
}

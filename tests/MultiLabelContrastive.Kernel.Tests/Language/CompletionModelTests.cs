using MultiLabelContrastive.Kernel.Language;
using MultiLabelContrastive.Notebooks.Execution;

namespace MultiLabelContrastive.Kernel.Tests.Language;

public sealed class CompletionModelTests
{
    private static readonly CompletionModel Empty = new(ScriptSessionOptions.DefaultImports);

    private static IReadOnlyList<string> Names(CompletionResult result) => result.Items.Select(i => i.Text).ToList();

    [Fact]
    public void Members_of_a_type_after_a_dot()
    {
        var result = Empty.Complete("Console.Wri", 11);
        Assert.Equal(["Write", "WriteLine"], Names(result));
        Assert.Equal((8, 11), (result.CursorStart, result.CursorEnd));
        Assert.All(result.Items, i => Assert.Equal("method", i.Kind));
    }

    [Fact]
    public void Variables_and_types_of_earlier_cells_are_known()
    {
        var model = Empty
            .With("#r \"nuget: Deedle, 8.1.0\"\nrecord Sample(string Name, double[] Scores);")
            .With("var samples = new List<Sample> { new(\"a\", [1.0]) };\nvar sampleCount = samples.Count;");
        Assert.Equal(["sampleCount", "samples"], Names(model.Complete("samp", 4)).Where(n => n.StartsWith("samp", StringComparison.Ordinal)));
        Assert.Contains("Scores", Names(model.Complete("samples[0].Sc", 13)));
        Assert.Contains("Select", Names(model.Complete("samples.Sel", 11))); // LINQ extension method
        var item = model.Complete("samp", 4).Items.First(i => i.Text == "samples");
        Assert.Equal("variable", item.Kind);
    }

    [Fact]
    public void Namespaces_and_static_members_and_keywords()
    {
        Assert.Contains("Generic", Names(Empty.Complete("System.Collections.Gen", 22)));
        Assert.Contains("Sqrt", Names(Empty.Complete("Math.Sq", 7)));
        Assert.DoesNotContain("CompareTo", Names(Empty.Complete("int.Com", 7))); // instance member, not offered on the type
        Assert.Contains("foreach", Names(Empty.Complete("forea", 5)));
        Assert.Contains("display", Names(Empty.Complete("disp", 4))); // the engine's global
    }

    [Fact]
    public void Nothing_is_offered_on_directive_lines_or_after_digits()
    {
        Assert.Empty(Empty.Complete("#r \"nuget: Plot", 15).Items);
        Assert.Empty(Empty.Complete("var a = 12", 10).Items);
    }

    [Fact]
    public void Cursor_positions_are_code_points()
    {
        const string code = "var s = \"😀\"; Math.Ab";
        var result = Empty.Complete(code, 20); // 21 UTF-16 units, 20 code points
        Assert.Equal(["Abs"], Names(result));
        Assert.Equal((18, 20), (result.CursorStart, result.CursorEnd));
    }

    [Fact]
    public async Task Inspection_shows_signature_documentation_and_the_value_of_a_session_variable()
    {
        using var session = new ScriptSession();
        await session.ExecuteAsync("var threshold = 0.25;");
        var model = Empty.With("var threshold = 0.25;");

        var variable = model.Inspect("threshold", 3, session);
        Assert.NotNull(variable);
        Assert.Contains("double threshold", variable);
        Assert.Contains("Value: 0.25", variable);

        var method = Empty.Inspect("Math.Sqrt(", 10, null);
        Assert.NotNull(method);
        Assert.StartsWith("static double System.Math.Sqrt(double d)", method);

        Assert.Null(Empty.Inspect("   ", 1, null));
    }
}

using MultiLabelContrastive.Kernel.Language;

namespace MultiLabelContrastive.Kernel.Tests.Language;

public sealed class CodeCompletenessTests
{
    [Theory]
    [InlineData("var x = 1;")]
    [InlineData("x * 2")]
    [InlineData("")]
    [InlineData("#r \"nuget: Plotly.NET, 6.0.0\"")]
    [InlineData("#r \"nuget: Plotly.NET, 6.0.0\"\nusing Plotly.NET;\nvar y = 2;")]
    [InlineData("class Point { public int X; }")]
    public void Complete_code(string code) => Assert.Equal(("complete", ""), CodeCompleteness.Check(code));

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) {", "    ")]
    [InlineData("class A {\n  void M() {", "        ")]
    [InlineData("var s = \"unterminated", "")]
    [InlineData("/* comment", "")]
    [InlineData("Console.WriteLine(", "")]
    [InlineData("x +", "")]
    public void Incomplete_code_with_indentation(string code, string indent) =>
        Assert.Equal(("incomplete", indent), CodeCompleteness.Check(code));

    [Theory]
    [InlineData("int 5x = 3;")]
    [InlineData("var = ;")]
    [InlineData("}")]
    public void Invalid_code(string code) => Assert.Equal("invalid", CodeCompleteness.Check(code).Status);
}

using MultiLabelContrastive.Kernel.Language;

namespace MultiLabelContrastive.Kernel.Tests.Language;

public sealed class CellTextTests
{
    [Fact]
    public void Directive_lines_become_spaces_of_the_same_length()
    {
        const string code = "#!csharp\n#r \"nuget: Deedle, 8.1.0\"\r\n  #load \"x.csx\"\nvar r = 1; // #r in a comment\n#region A\n#endregion";
        var blank = CellText.BlankDirectives(code);
        Assert.Equal(code.Length, blank.Length);
        Assert.Equal(
            new string(' ', 8) + "\n" + new string(' ', 25) + "\r\n" + new string(' ', 15) + "\nvar r = 1; // #r in a comment\n#region A\n#endregion",
            blank);
    }

    [Fact]
    public void Code_points_and_utf16_indices_convert_both_ways()
    {
        const string text = "a😀b"; // the emoji is one code point, two UTF-16 units
        Assert.Equal([0, 1, 3, 4], Enumerable.Range(0, 4).Select(cp => CellText.ToUtf16(text, cp)));
        Assert.Equal([0, 1, 2, 3], new[] { 0, 1, 3, 4 }.Select(i => CellText.ToCodePoints(text, i)));
        Assert.Equal(4, CellText.ToUtf16(text, 99));
    }
}

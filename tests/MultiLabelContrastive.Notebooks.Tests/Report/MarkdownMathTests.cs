using MultiLabelContrastive.Notebooks.Report;

namespace MultiLabelContrastive.Notebooks.Tests.Report;

/// <summary>The math a markdown cell holds reaches KaTeX untouched by Markdig, with the delimiters Jupyter and VS Code use.</summary>
public sealed class MarkdownMathTests
{
    private static string Html(string markdown) => MarkdownRenderer.ToHtml(markdown, null);

    private static string Inline(string tex) => $"<span class=\"math math-inline\">{System.Net.WebUtility.HtmlEncode(tex)}</span>";

    private static string Display(string tex) => $"<span class=\"math math-display\">{System.Net.WebUtility.HtmlEncode(tex)}</span>";

    [Fact]
    public void Dollars_brackets_and_environments_become_math_spans()
    {
        var html = Html("a $x_i$ b \\(y_j\\) c\n\n$$\n\\sum_i x_i\n$$\n\n\\[ K = 1 \\]\n\n\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}");

        Assert.Contains(Inline("x_i"), html, StringComparison.Ordinal);
        Assert.Contains(Inline("y_j"), html, StringComparison.Ordinal);
        Assert.Contains(Display("\n\\sum_i x_i\n"), html, StringComparison.Ordinal);
        Assert.Contains(Display(" K = 1 "), html, StringComparison.Ordinal);
        Assert.Contains(Display("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}"), html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_syntax_inside_math_is_left_to_tex()
    {
        // Without protection: * and _ would become <em>, \{ would lose its backslash and | would split the table cell.
        var html = Html("$a_i * b_i * c$ and $\\{1, 2\\}$\n\n| formula |\n|---|\n| $|S \\cap T|$ |");

        Assert.Contains(Inline("a_i * b_i * c"), html, StringComparison.Ordinal);
        Assert.Contains(Inline("\\{1, 2\\}"), html, StringComparison.Ordinal);
        Assert.Contains("<td>" + Inline("|S \\cap T|") + "</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tex_is_html_escaped()
    {
        Assert.Contains(Inline("a < b & c > d"), Html("$a < b & c > d$"), StringComparison.Ordinal);
        Assert.Contains("a &lt; b &amp; c &gt; d", Html("$a < b & c > d$"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("costs $5 and $6 today")] // closing dollar after a space: text (Pandoc's and VS Code's rule)
    [InlineData("from $ 1 to 2$")] // opening dollar before a space
    [InlineData("$x$5")] // closing dollar followed by a digit
    [InlineData("a literal \\$x\\$ pair")]
    [InlineData("code `$x$` and ``\\(y\\)``")]
    [InlineData("```\n$x$ \\(y\\)\n```")]
    [InlineData("~~~ tex\n$$ x $$\n~~~")]
    [InlineData("$x\n\ny$")] // a blank line ends an inline formula
    [InlineData("$$\nx\n\ny\n$$")] // and a displayed one
    [InlineData("\\(never closed")]
    [InlineData("\\begin{align} never ended")]
    public void Dollars_in_text_code_and_unclosed_delimiters_are_not_math(string markdown)
    {
        var (_, formulas) = MarkdownMath.Protect(markdown);

        Assert.Empty(formulas);
        Assert.DoesNotContain("class=\"math", Html(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_around_math_keeps_every_character_and_escapes()
    {
        const string markdown = "*x* \\* `$c$` \\$ $a$ ```\n$d$\n```";
        var (text, formulas) = MarkdownMath.Protect(markdown);

        Assert.Equal([new MarkdownMath.Formula("a", false)], formulas);
        Assert.Equal("*x* \\* `$c$` \\$ KATEXMATHSPAN0Z ```\n$d$\n```", text);
        Assert.Contains("<code>$c$</code>", Html(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dollar_inside_math_and_math_in_headings()
    {
        Assert.Contains(Inline("\\text{\\$}5"), Html("price $\\text{\\$}5$"), StringComparison.Ordinal);

        var heading = Html("## The loss $\\ell_i$");
        Assert.Contains("<h2 id=\"the-loss-math\">The loss " + Inline("\\ell_i") + "</h2>", heading, StringComparison.Ordinal);
        Assert.Equal("SD with " + Inline("\\tau") + " and <em>K</em>", MarkdownRenderer.InlineToHtml("SD with $\\tau$ and *K*"));
        Assert.Equal("SD with \\tau and *K*", MarkdownMath.ToPlainText("SD with $\\tau$ and *K*"));
    }
}

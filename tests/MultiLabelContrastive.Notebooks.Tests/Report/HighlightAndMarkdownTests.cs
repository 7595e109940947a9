using MultiLabelContrastive.Notebooks.Report;

namespace MultiLabelContrastive.Notebooks.Tests.Report;

public sealed class HighlightAndMarkdownTests
{
    [Fact]
    public void Code_is_escaped_and_tokens_get_classes()
    {
        var html = CSharpHighlighter.ToHtml("#r \"nuget: Deedle, 8.1.0\"\n// note <b>\nvar x = a < 3 ? \"s\" : $\"{x}\"; int n = 42;");

        Assert.Contains("<span class=\"c-directive\">#r &quot;nuget: Deedle, 8.1.0&quot;", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"c-comment\">// note &lt;b&gt;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"c-kw\">var</span>", html, StringComparison.Ordinal);
        Assert.Contains("a &lt; ", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"c-str\">&quot;s&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"c-num\">42</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"c-kw\">int</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlighting_keeps_every_character_of_the_source()
    {
        const string code = "#!csharp\nfor (var i = 0; i < 3; i++) { Console.WriteLine(i); } /* end */\n";

        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(CSharpHighlighter.ToHtml(code), "<[^>]+>", ""));

        Assert.Equal(code, text);
    }

    [Fact]
    public void Markdown_renders_tables_emphasis_and_math_without_remote_media()
    {
        var html = MarkdownRenderer.ToHtml("# Title\n\n*it* and $x^2$\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nhttps://example.org/video.mp4", null);

        Assert.Contains("<h1 id=\"title\">Title</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<em>it</em>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"math math-inline\">x^2</span>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<video", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Attachments_become_data_uris()
    {
        var attachments = new System.Text.Json.Nodes.JsonObject
        {
            ["dot.png"] = new System.Text.Json.Nodes.JsonObject { ["image/png"] = "iVBORw0KGgo=" },
        };

        var html = MarkdownRenderer.ToHtml("![dot](attachment:dot.png)", attachments);

        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html, StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;

namespace MultiLabelContrastive.Notebooks.Report;

/// <summary>Markdown cells to HTML with Markdig (CommonMark + pipe and grid tables, emphasis extras, task lists,
/// footnotes, auto links, heading ids). Math (<c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c>, <c>\[…\]</c>, <c>\begin{…}</c>) is taken
/// out first by <see cref="MarkdownMath"/> and comes back as math spans that KaTeX typesets in the page. No extension that
/// embeds remote media is enabled. Cell attachments (<c>attachment:name.png</c>) become data URIs.</summary>
internal static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .UseAutoIdentifiers()
        .Build();

    private static readonly MarkdownPipeline InlinePipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().Build();

    public static string ToHtml(string markdown, JsonObject? attachments)
    {
        var (text, formulas) = MarkdownMath.Protect(markdown);
        var html = MarkdownMath.Restore(Markdown.ToHtml(text, Pipeline), formulas);
        if (attachments is null)
        {
            return html;
        }

        return AttachmentSource().Replace(html, match =>
        {
            var name = Uri.UnescapeDataString(match.Groups[1].Value);
            if (attachments[name] is JsonObject bundle)
            {
                foreach (var (mime, value) in bundle)
                {
                    if (mime.StartsWith("image/", StringComparison.Ordinal) && value is not null)
                    {
                        var data = value is JsonArray lines ? string.Concat(lines.Select(l => l?.GetValue<string>())) : value.GetValue<string>();
                        return $"src=\"data:{mime};base64,{data.Replace("\n", "", StringComparison.Ordinal)}\"";
                    }
                }
            }

            return match.Value;
        });
    }

    /// <summary>One line of markdown (a heading's text) as inline HTML: emphasis, code and math spans, no paragraph.</summary>
    public static string InlineToHtml(string markdown)
    {
        var (text, formulas) = MarkdownMath.Protect(markdown.ReplaceLineEndings(" "));
        var html = Markdown.ToHtml(text, InlinePipeline).Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal))
        {
            html = html[3..^4];
        }

        return MarkdownMath.Restore(html, formulas);
    }

    /// <summary>Whether rendered HTML holds math spans (the page then loads KaTeX).</summary>
    public static bool HasMath(string html) => html.Contains("<span class=\"math math-", StringComparison.Ordinal);

    /// <summary>The text of the first heading of a markdown cell, or null.</summary>
    public static string? FirstHeading(string markdown)
    {
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                return trimmed.TrimStart('#').Trim();
            }
        }

        return null;
    }

    [GeneratedRegex("src=\"attachment:([^\"]+)\"")]
    private static partial Regex AttachmentSource();
}

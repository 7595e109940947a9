using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;

namespace MultiLabelContrastive.Notebooks.Report;

/// <summary>Markdown cells to HTML with Markdig (CommonMark + pipe and grid tables, emphasis extras, task lists,
/// footnotes, auto links, heading ids, and math kept as <c>\( … \)</c> / <c>\[ … \]</c> spans). No extension that embeds
/// remote media is enabled. Cell attachments (<c>attachment:name.png</c>) become data URIs.</summary>
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
        .UseMathematics()
        .Build();

    public static string ToHtml(string markdown, JsonObject? attachments)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
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

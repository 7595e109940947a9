using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Model;
using Plotly.NET;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>A Plotly.NET chart as <c>application/vnd.plotly.v1+json</c> (the figure: data, layout, config) plus a light
/// <c>text/html</c> fallback (no plotly.js inside: the report and Jupyter's renderers draw the JSON) and <c>text/plain</c>.</summary>
internal static class PlotlyFormatting
{
    public static MimeBundle Format(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();
        var traces = figure["data"] is JsonArray data
            ? data.Select(t => t?["type"]?.GetValue<string>() ?? "scatter").ToList()
            : [];
        var title = TitleOf(figure);
        var summary = $"Plotly chart{(title is null ? "" : $" \"{title}\"")}: {traces.Count} trace(s) ({string.Join(", ", traces.Distinct())})";

        var html = new StringBuilder()
            .Append("<div class=\"plotly-fallback\" style=\"border:1px dashed #999;padding:8px;font-family:sans-serif\">")
            .Append("<b>").Append(WebUtility.HtmlEncode(summary)).Append("</b><br/>")
            .Append("<small>Interactive chart stored as ").Append(MimeTypes.PlotlyJson)
            .Append("; it draws in the HTML report and in front ends with a Plotly renderer.</small></div>")
            .ToString();

        return new MimeBundle()
            .SetJson(MimeTypes.PlotlyJson, figure)
            .SetText(MimeTypes.Html, html)
            .SetText(MimeTypes.PlainText, summary);
    }

    private static string? TitleOf(JsonObject figure)
    {
        var title = figure["layout"]?["title"];
        return title switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["text"] is JsonValue t && t.TryGetValue<string>(out var s) => s,
            _ => null,
        };
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Formatting;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Running;

namespace MultiLabelContrastive.Notebooks.Report;

/// <summary>One report page: the executed notebook's markdown rendered, code highlighted, outputs shown (Plotly figures
/// drawn by the local plotly.js, tables, images, text), errors in red, skipped cells greyed.</summary>
internal static class NotebookPage
{
    public static string Render(NotebookRunResult result, string? notebookHref, string title)
    {
        var body = new StringBuilder();
        var hasCharts = false;
        body.Append("<header class=\"page\"><h1>").Append(MarkdownRenderer.InlineToHtml(title)).Append("</h1><div class=\"meta\">")
            .Append("<a href=\"index.html\">← all notebooks</a> · ")
            .Append(Badge(result.Status)).Append(" · ")
            .Append(Encode(Duration(result.Duration)))
            .Append(" · ").Append(result.CellsExecuted.ToString(CultureInfo.InvariantCulture)).Append('/')
            .Append(result.CodeCells.ToString(CultureInfo.InvariantCulture)).Append(" code cells run");
        if (notebookHref is not null)
        {
            body.Append(" · <a href=\"").Append(Encode(notebookHref)).Append("\">executed notebook (.ipynb)</a>");
        }

        if (result.FailedCellNumber is { } failed)
        {
            body.Append(" · <a href=\"#cell-").Append(failed).Append("\">failed at cell ").Append(failed).Append("</a>");
        }

        if (result.Executed?.Metadata["executor"]?["parameters"] is JsonObject parameters && parameters.Count > 0)
        {
            body.Append("<br/>parameters: ").Append(Encode(string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"))));
        }

        var (summary, summaryProblem) = RunSummaryOf(result.Executed);
        if (summary is not null)
        {
            body.Append("<div class=\"run-line\">").Append(summary.ToHtml()).Append("</div>");
        }
        else if (summaryProblem is not null)
        {
            body.Append("<div class=\"run-line run-summary-invalid\">").Append(Encode(summaryProblem)).Append("</div>");
        }

        body.Append("</div></header>");
        if (result.Warnings.Count > 0)
        {
            body.Append("<div class=\"warnings\"><b>Warnings</b><ul>");
            foreach (var warning in result.Warnings)
            {
                body.Append("<li>").Append(Encode(warning)).Append("</li>");
            }

            body.Append("</ul></div>");
        }

        if (result.Executed is null)
        {
            if (result.Error is { } error)
            {
                AppendError(body, error);
            }

            if (result.Status == NotebookStatus.NotRun)
            {
                body.Append("<p>Not run: an earlier notebook failed and the run stopped (--fail-fast).</p>");
            }
        }
        else
        {
            for (var i = 0; i < result.Executed.Cells.Count; i++)
            {
                hasCharts |= AppendCell(body, result.Executed.Cells[i], i + 1);
            }
        }

        return Layout(MarkdownMath.ToPlainText(title), body.ToString(), hasCharts);
    }

    /// <summary>The page around <paramref name="body"/>: style sheet, and the scripts it needs (plotly.js and the chart
    /// script when it has charts; KaTeX, its style sheet and the math script when it has math spans).</summary>
    public static string Layout(string title, string body, bool hasCharts)
    {
        var hasMath = MarkdownRenderer.HasMath(body);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            // Only local files, inline styles and data: images: the browser itself refuses any request to the network.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; ")
            .Append("style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'none'\">")
            .Append("<title>").Append(Encode(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(ReportAssets.Folder).Append('/').Append(ReportAssets.StyleFile).Append("\">");
        if (hasMath)
        {
            html.Append("<link rel=\"stylesheet\" href=\"").Append(ReportAssets.Folder).Append('/').Append(ReportAssets.KatexStyleFile).Append("\">")
                .Append("<script src=\"").Append(ReportAssets.Folder).Append('/').Append(ReportAssets.KatexScriptFile).Append("\"></script>");
        }

        if (hasCharts)
        {
            html.Append("<script src=\"").Append(ReportAssets.Folder).Append('/').Append(ReportAssets.PlotlyFile).Append("\"></script>");
        }

        html.Append("</head><body><main>").Append(body).Append("</main>");
        if (hasCharts)
        {
            html.Append("<script src=\"").Append(ReportAssets.Folder).Append('/').Append(ReportAssets.ScriptFile).Append("\"></script>");
        }

        if (hasMath)
        {
            html.Append("<script src=\"").Append(ReportAssets.Folder).Append('/').Append(ReportAssets.MathScriptFile).Append("\"></script>");
        }

        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>The first <see cref="RunSummary"/> the executed notebook displayed (its first
    /// <see cref="MimeTypes.RunSummaryJson"/> output), or null; a malformed one gives null and the reason.</summary>
    public static (RunSummary? Summary, string? Problem) RunSummaryOf(Notebook? executed)
    {
        if (executed is null)
        {
            return (null, null);
        }

        for (var i = 0; i < executed.Cells.Count; i++)
        {
            foreach (var output in executed.Cells[i].Outputs)
            {
                var data = output switch
                {
                    DisplayDataOutput d => d.Data,
                    ExecuteResultOutput r => r.Data,
                    _ => null,
                };
                if (data?.GetJson(MimeTypes.RunSummaryJson) is not { } json)
                {
                    continue;
                }

                try
                {
                    return (RunSummary.FromJson(json), null);
                }
                catch (FormatException e)
                {
                    return (null, $"cell {i + 1}: invalid run summary: {e.Message}");
                }
            }
        }

        return (null, null);
    }

    public static string Badge(NotebookStatus status) => status switch
    {
        NotebookStatus.Succeeded => "<span class=\"badge succeeded\">succeeded</span>",
        NotebookStatus.Failed => "<span class=\"badge failed\">failed</span>",
        _ => "<span class=\"badge notrun\">not run</span>",
    };

    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds < 60
            ? duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : $"{(int)duration.TotalMinutes} min {duration.Seconds} s";

    private static bool AppendCell(StringBuilder body, NotebookCell cell, int number)
    {
        switch (cell.Kind)
        {
            case CellKind.Markdown:
                body.Append("<section class=\"cell markdown\" id=\"cell-").Append(number).Append("\">")
                    .Append(MarkdownRenderer.ToHtml(cell.Source, cell.Attachments)).Append("</section>");
                return false;
            case CellKind.Raw:
                body.Append("<section class=\"cell raw\" id=\"cell-").Append(number).Append("\"><pre>")
                    .Append(Encode(cell.Source)).Append("</pre></section>");
                return false;
            case CellKind.Code:
                break;
            default:
                return false;
        }

        var status = cell.Metadata["executor"]?["status"]?.GetValue<string>() ?? "";
        var duration = cell.Metadata["executor"]?["duration"] is JsonValue d && d.TryGetValue<double>(out var seconds)
            ? $" · {seconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
            : "";
        var css = status == "skipped" ? "cell code skipped" : "cell code";
        body.Append("<section class=\"").Append(css).Append("\" id=\"cell-").Append(number).Append("\">")
            .Append("<div class=\"prompt\">In [").Append(cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? " ").Append("] · cell ")
            .Append(number).Append(Encode(duration));
        if (cell.HasTag("parameters") || cell.HasTag("injected-parameters"))
        {
            body.Append(" · ").Append(Encode(string.Join(", ", cell.Tags)));
        }

        if (status == "skipped")
        {
            body.Append(" · not executed");
        }

        body.Append("</div><pre class=\"code\"><code>").Append(CSharpHighlighter.ToHtml(cell.Source)).Append("</code></pre>");
        var hasCharts = false;
        if (cell.Outputs.Count > 0)
        {
            body.Append("<div class=\"outputs\">");
            for (var k = 0; k < cell.Outputs.Count; k++)
            {
                hasCharts |= AppendOutput(body, cell.Outputs[k], $"chart-{number}-{k}");
            }

            body.Append("</div>");
        }

        body.Append("</section>");
        return hasCharts;
    }

    private static bool AppendOutput(StringBuilder body, CellOutput output, string chartId)
    {
        switch (output)
        {
            case StreamOutput s:
                body.Append("<div class=\"output\"><pre class=\"stream ").Append(Encode(s.Name)).Append("\">").Append(Encode(s.Text)).Append("</pre></div>");
                return false;
            case ErrorOutput e:
                AppendError(body, e);
                return false;
            case DisplayDataOutput d:
                return AppendBundle(body, d.Data, chartId, null);
            case ExecuteResultOutput r:
                return AppendBundle(body, r.Data, chartId, r.ExecutionCount);
            default:
                return false;
        }
    }

    private static bool AppendBundle(StringBuilder body, MimeBundle data, string chartId, int? resultCount)
    {
        body.Append("<div class=\"output\">");
        if (resultCount is { } count)
        {
            body.Append("<div class=\"prompt\">Out [").Append(count).Append("]</div>");
        }

        var isChart = false;
        if (data.GetJson(MimeTypes.PlotlyJson) is { } figure)
        {
            var json = figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
            body.Append("<div class=\"chart\" id=\"").Append(chartId).Append("\"></div>")
                .Append("<script type=\"application/json\" class=\"plotly-figure\" data-target=\"").Append(chartId).Append("\">")
                .Append(json).Append("</script>");
            isChart = true;
        }
        else if (data.GetText(MimeTypes.Png) is { } png)
        {
            body.Append("<img class=\"output-image\" alt=\"").Append(Encode(data.GetText(MimeTypes.PlainText) ?? "image"))
                .Append("\" src=\"data:image/png;base64,").Append(png.Replace("\n", "", StringComparison.Ordinal)).Append("\"/>");
        }
        else if (data.GetText(MimeTypes.Html) is { } html)
        {
            body.Append("<div class=\"output-html\">").Append(html).Append("</div>");
        }
        else
        {
            body.Append("<pre class=\"text\">").Append(Encode(data.GetText(MimeTypes.PlainText) ?? "")).Append("</pre>");
        }

        body.Append("</div>");
        return isChart;
    }

    private static void AppendError(StringBuilder body, ErrorOutput error)
    {
        body.Append("<div class=\"output error\"><div><span class=\"ename\">").Append(Encode(error.EName)).Append("</span>: ")
            .Append(Encode(error.EValue)).Append("</div>");
        if (error.Traceback.Count > 0)
        {
            body.Append("<pre class=\"traceback\">").Append(Encode(string.Join("\n", error.Traceback))).Append("</pre>");
        }

        body.Append("</div>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

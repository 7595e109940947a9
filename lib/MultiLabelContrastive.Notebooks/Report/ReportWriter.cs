using System.Globalization;
using System.Net;
using System.Text;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Running;

namespace MultiLabelContrastive.Notebooks.Report;

/// <summary>
/// Writes the offline HTML report of a run: <c>index.html</c> (each notebook, its status, the mode, data and encoder of
/// its <see cref="Formatting.RunSummary"/>, duration, cells run, links)
/// and one page per notebook, plus <c>assets/</c> (style, chart script, plotly.js from Plotly.NET's embedded copy, KaTeX
/// with its fonts and the math script, embedded in this assembly at build time).
/// Every reference is a relative file path: opened from disk, the report makes no network request.
/// </summary>
public sealed class ReportWriter
{
    private readonly string _title;

    /// <summary>Creates a writer.</summary>
    /// <param name="title">Title of the index page.</param>
    public ReportWriter(string title = "Notebooks")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        _title = title;
    }

    /// <summary>The page file name of a notebook: its name with characters other than letters, digits, '-', '_' and '.' replaced.</summary>
    /// <param name="notebookName">The notebook's name (file name without extension).</param>
    public static string PageFileName(string notebookName) =>
        new string(notebookName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()) + ".html";

    /// <summary>Writes the report.</summary>
    /// <param name="reportDirectory">Folder of the report (created if needed).</param>
    /// <param name="results">The notebooks' results, in run order.</param>
    /// <param name="executedNotebookHref">Maps a result to the relative link of its executed .ipynb, or null for none.</param>
    /// <param name="subtitle">A line under the index title (e.g. the run's options), or null.</param>
    /// <returns>The path of <c>index.html</c>.</returns>
    public string Write(
        string reportDirectory,
        IReadOnlyList<NotebookRunResult> results,
        Func<NotebookRunResult, string?>? executedNotebookHref = null,
        string? subtitle = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportDirectory);
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(reportDirectory);
        ReportAssets.Write(reportDirectory);

        foreach (var result in results)
        {
            var page = NotebookPage.Render(result, executedNotebookHref?.Invoke(result), TitleOf(result));
            File.WriteAllText(Path.Combine(reportDirectory, PageFileName(result.Name)), page);
        }

        var index = Path.Combine(reportDirectory, "index.html");
        File.WriteAllText(index, IndexPage(results, executedNotebookHref, subtitle));
        return index;
    }

    private string IndexPage(IReadOnlyList<NotebookRunResult> results, Func<NotebookRunResult, string?>? href, string? subtitle)
    {
        var failed = results.Count(r => r.Status == NotebookStatus.Failed);
        var total = TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks));
        var body = new StringBuilder()
            .Append("<header class=\"page\"><h1>").Append(Encode(_title)).Append("</h1><div class=\"meta\">")
            .Append(results.Count).Append(" notebook(s) · ")
            .Append(failed == 0 ? "<span class=\"badge succeeded\">all succeeded</span>" : $"<span class=\"badge failed\">{failed} failed</span>")
            .Append(" · ").Append(Encode(NotebookPage.Duration(total)))
            .Append(" · generated ").Append(Encode(DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)));
        if (subtitle is not null)
        {
            body.Append("<br/>").Append(Encode(subtitle));
        }

        body.Append("</div></header><table class=\"runs\"><thead><tr><th>#</th><th>notebook</th><th>status</th>")
            .Append("<th>mode</th><th>data</th><th>encoder</th><th>duration</th>")
            .Append("<th>cells run</th><th>error</th><th>executed .ipynb</th></tr></thead><tbody>");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var page = PageFileName(r.Name);
            body.Append("<tr><td class=\"num\">").Append(i + 1).Append("</td>")
                .Append("<td><a href=\"").Append(Encode(Uri.EscapeDataString(page))).Append("\">").Append(Encode(r.Name)).Append("</a>");
            var title = TitleOf(r);
            if (title != r.Name)
            {
                body.Append("<br/><span class=\"meta\">").Append(MarkdownRenderer.InlineToHtml(title)).Append("</span>");
            }

            body.Append("</td><td>").Append(NotebookPage.Badge(r.Status)).Append("</td>");
            AppendRunSummary(body, r);
            body
                .Append("<td class=\"num\">").Append(Encode(NotebookPage.Duration(r.Duration))).Append("</td>")
                .Append("<td class=\"num\">").Append(r.CellsExecuted).Append('/').Append(r.CodeCells).Append("</td><td>");
            if (r.Error is { } error)
            {
                var anchor = r.FailedCellNumber is { } n ? $"#cell-{n}" : "";
                body.Append("<a href=\"").Append(Encode(Uri.EscapeDataString(page) + anchor)).Append("\">")
                    .Append(Encode(r.FailedCellNumber is { } c ? $"cell {c}: " : "")).Append(Encode(error.EName)).Append("</a>");
            }

            body.Append("</td><td>");
            if (href?.Invoke(r) is { } notebookLink)
            {
                body.Append("<a href=\"").Append(Encode(notebookLink)).Append("\">").Append(Encode(Path.GetFileName(notebookLink))).Append("</a>");
            }

            body.Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return NotebookPage.Layout(_title, body.ToString(), hasCharts: false);
    }

    /// <summary>Three cells (mode, data, encoder) from the notebook's first run summary; "—" when it displayed none.</summary>
    private static void AppendRunSummary(StringBuilder body, NotebookRunResult result)
    {
        var (summary, problem) = NotebookPage.RunSummaryOf(result.Executed);
        if (summary is null)
        {
            var why = problem ?? "the notebook displayed no run summary";
            for (var k = 0; k < 3; k++)
            {
                body.Append("<td class=\"run-none\" title=\"").Append(Encode(why)).Append("\">—</td>");
            }

            return;
        }

        foreach (var (key, value) in new[] { ("mode", summary.Mode), ("data", summary.Data), ("encoder", summary.Encoder) })
        {
            body.Append("<td class=\"run-").Append(key).Append(' ').Append(Concern(key, value)).Append("\" data-value=\"")
                .Append(Encode(value)).Append('"');
            if (summary.Detail is not null)
            {
                body.Append(" title=\"").Append(Encode(summary.Detail)).Append('"');
            }

            body.Append('>').Append(Encode(value)).Append("</td>");
        }
    }

    /// <summary>A CSS class that marks what a reader should notice: a quick run, surrogate or mixed data, a stand-in encoder.</summary>
    private static string Concern(string key, string value) => (key, value) switch
    {
        ("mode", "quick") or ("data", "surrogate") or ("data", "mixed") or ("encoder", "stand-in") => "run-caveat",
        _ => "run-plain",
    };

    private static string TitleOf(NotebookRunResult result) =>
        result.Executed?.Cells.FirstOrDefault(c => c.Kind == CellKind.Markdown) is { } markdown
        && MarkdownRenderer.FirstHeading(markdown.Source) is { Length: > 0 } heading
            ? heading
            : result.Name;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

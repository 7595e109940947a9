using Plotly.NET;

namespace MultiLabelContrastive.Notebooks.Report;

/// <summary>The report's static files: a style sheet, the chart script and plotly.js itself, taken from the copy
/// embedded in the Plotly.NET assembly, and KaTeX (script, style sheet, fonts, licence) with the math script, taken from
/// the copy embedded in this assembly at build time (see <c>Katex.targets</c>): nothing is fetched from a CDN. Written
/// once per report.</summary>
internal static class ReportAssets
{
    public const string Folder = "assets";

    public const string StyleFile = "report.css";

    public const string ScriptFile = "report.js";

    /// <summary>The script that typesets the page's math spans with KaTeX.</summary>
    public const string MathScriptFile = "math.js";

    /// <summary>KaTeX's script, relative to the assets folder.</summary>
    public const string KatexScriptFile = "katex/katex.min.js";

    /// <summary>KaTeX's style sheet (its fonts are in <c>katex/fonts/</c>, referenced relatively by the sheet).</summary>
    public const string KatexStyleFile = "katex/katex.min.css";

    private const string Css = """
        :root { --fg:#1f2328; --muted:#656d76; --border:#d0d7de; --bg-code:#f6f8fa; --ok:#1a7f37; --bad:#cf222e; --skip:#9a6700; }
        * { box-sizing: border-box; }
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); margin: 0; line-height: 1.5; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px; }
        header.page { border-bottom: 1px solid var(--border); margin-bottom: 16px; padding-bottom: 8px; }
        header.page h1 { margin: 0 0 4px 0; font-size: 1.6em; }
        .meta { color: var(--muted); font-size: .9em; }
        .meta a { color: inherit; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .85em; font-weight: 600; color: #fff; }
        .badge.succeeded { background: var(--ok); } .badge.failed { background: var(--bad); } .badge.notrun { background: var(--skip); }
        table.runs { border-collapse: collapse; width: 100%; }
        table.runs th, table.runs td { border-bottom: 1px solid var(--border); padding: 6px 10px; text-align: left; }
        table.runs td.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.runs td.run-caveat { color: var(--skip); font-weight: 600; } table.runs td.run-none { color: var(--muted); }
        .run-line { margin-top: 4px; }
        .warnings { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; border-radius: 6px; }
        .cell { margin: 14px 0; }
        .cell.markdown { padding: 0 4px; }
        .cell .prompt { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .8em; color: var(--muted); margin-bottom: 2px; }
        .cell.skipped { opacity: .55; }
        pre { margin: 0; white-space: pre-wrap; word-break: break-word; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
        pre.code { background: var(--bg-code); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; }
        .outputs { border-left: 3px solid var(--border); margin-top: 6px; padding-left: 10px; }
        .output { margin: 6px 0; overflow-x: auto; }
        pre.stream.stderr { color: #953800; background: #fff1e5; }
        .output.error { border: 1px solid var(--bad); background: #ffebe9; color: var(--bad); border-radius: 6px; padding: 8px 12px; }
        .output.error .ename { font-weight: 700; }
        .output.error pre { color: #82071e; }
        .chart { min-height: 200px; }
        .chart-error { color: var(--bad); }
        .table-wrap { overflow-x: auto; }
        table.dataframe { border-collapse: collapse; font-size: .85em; font-variant-numeric: tabular-nums; }
        table.dataframe th, table.dataframe td { border: 1px solid var(--border); padding: 3px 8px; text-align: right; }
        table.dataframe thead th { background: var(--bg-code); }
        .cell.markdown table { border-collapse: collapse; margin: 8px 0; }
        .cell.markdown th, .cell.markdown td { border: 1px solid var(--border); padding: 4px 10px; }
        .cell.markdown th { background: var(--bg-code); }
        .cell.markdown code { background: var(--bg-code); padding: 1px 4px; border-radius: 4px; font-size: .9em; }
        .table-note { color: var(--muted); font-size: .8em; margin: 2px 0; }
        .math-display { display: block; overflow-x: auto; overflow-y: hidden; }
        .katex-display { margin: .7em 0; }
        .katex-error { white-space: pre-wrap; }
        .c-kw { color: #cf222e; } .c-str { color: #0a3069; } .c-num { color: #0550ae; } .c-comment { color: #6e7781; font-style: italic; }
        .c-directive { color: #8250df; } .c-type { color: #953800; }
        img.output-image { max-width: 100%; }
        """;

    private const string Js = """
        // Draws every Plotly figure of the page with the local plotly.js; the figures are JSON in <script> elements.
        (function () {
          function render() {
            document.querySelectorAll('script.plotly-figure').forEach(function (script) {
              var target = document.getElementById(script.getAttribute('data-target'));
              try {
                if (typeof Plotly === 'undefined') { throw new Error('plotly.js is not loaded'); }
                var figure = JSON.parse(script.textContent);
                var config = Object.assign({ responsive: true, displaylogo: false }, figure.config || {});
                Plotly.newPlot(target, figure.data || [], figure.layout || {}, config);
              } catch (e) {
                target.textContent = 'The chart could not be drawn: ' + e.message;
                target.className += ' chart-error';
                console.error(e);
              }
            });
          }
          if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', render); } else { render(); }
        })();
        """;

    private const string MathJs = """
        // Typesets every math span of the page (markdown's $…$, $$…$$, \(…\), \[…\]) with the local KaTeX. A formula KaTeX
        // cannot parse is shown as its source in red (a .katex-error span) and logged, never left silently raw.
        (function () {
          function typeset() {
            var spans = document.querySelectorAll('span.math');
            if (typeof katex === 'undefined') {
              console.error('KaTeX is not loaded (assets/katex/katex.min.js): ' + spans.length + ' formula(s) left as TeX');
              return;
            }
            var failed = 0;
            spans.forEach(function (span) {
              var tex = span.textContent;
              var options = { displayMode: span.classList.contains('math-display'), throwOnError: true, strict: false };
              try {
                katex.render(tex, span, options);
              } catch (e) {
                failed++;
                console.error('KaTeX could not typeset ' + JSON.stringify(tex) + ': ' + e.message);
                options.throwOnError = false;
                katex.render(tex, span, options);
              }
            });
            document.body.setAttribute('data-math-typeset', String(spans.length - failed));
            document.body.setAttribute('data-math-failed', String(failed));
          }
          if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', typeset); } else { typeset(); }
        })();
        """;

    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Katex = new(() =>
    {
        var assembly = typeof(ReportAssets).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("katex/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return (n, memory.ToArray());
            })
            .ToList();
        if (!files.Any(f => f.n == KatexScriptFile) || !files.Any(f => f.n == KatexStyleFile) || !files.Any(f => f.n.StartsWith("katex/fonts/", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"{assembly.GetName().Name} was built without KaTeX (script, style sheet and fonts): see Katex.targets.");
        }

        return files;
    });

    private static readonly Lazy<(string Name, byte[] Bytes)> PlotlyScript = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        var resource = assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return (resource["Plotly.NET.".Length..], memory.ToArray());
    });

    /// <summary>File name of plotly.js in the assets folder, e.g. <c>plotly-2.28.0.min.js</c>.</summary>
    public static string PlotlyFile => PlotlyScript.Value.Name;

    public static void Write(string reportDirectory)
    {
        var folder = Path.Combine(reportDirectory, Folder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, StyleFile), Css);
        File.WriteAllText(Path.Combine(folder, ScriptFile), Js);
        File.WriteAllText(Path.Combine(folder, MathScriptFile), MathJs);
        WriteIfChanged(Path.Combine(folder, PlotlyFile), PlotlyScript.Value.Bytes);
        foreach (var (name, bytes) in Katex.Value)
        {
            WriteIfChanged(Path.Combine(folder, name), bytes);
        }
    }

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}

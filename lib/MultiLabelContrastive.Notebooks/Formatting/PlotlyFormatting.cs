using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Model;
using Plotly.NET;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>A Plotly.NET chart as <c>application/vnd.plotly.v1+json</c> (the figure: data, layout, config) plus
/// <c>text/html</c> (a fallback box and a small script that draws the figure with the Jupyter server's plotly.js; no
/// plotly.js inside: the report and Jupyter's Plotly renderers draw the JSON) and <c>text/plain</c>.</summary>
internal static class PlotlyFormatting
{
    /// <summary>Where a Jupyter server serves plotly.js: our kernelspec folder (written by the kernel's <c>install-kernel</c>),
    /// below the server's base URL.</summary>
    public const string KernelSpecPlotlyPath = "kernelspecs/mlc-csharp/plotly.min.js";

    /// <summary>
    /// Draws the figure in front ends that show <c>text/html</c> and run its scripts but have no renderer for
    /// <c>application/vnd.plotly.v1+json</c> (the classic Jupyter Notebook, JupyterLab without the Plotly extension):
    /// plotly.js comes from the Jupyter server itself (<see cref="KernelSpecPlotlyPath"/>), through require.js where the
    /// page has it (classic Notebook), else a script element. Where it cannot load, the fallback box stays.
    /// </summary>
    private static readonly string DrawScript = """
        function (id, figure) {
          var targets = [].slice.call(document.querySelectorAll('[id="' + id + '"]')).filter(function (e) { return !e.getAttribute('data-drawn'); });
          var target = targets[targets.length - 1];
          if (!target) { return; }
          target.setAttribute('data-drawn', '1');
          var fallback = target.previousElementSibling;
          function draw(Plotly) {
            Plotly.newPlot(target, figure.data || [], figure.layout || {}, Object.assign({ responsive: true, displaylogo: false }, figure.config || {}))
              .then(function () { if (fallback && fallback.className === 'plotly-fallback') { fallback.style.display = 'none'; } });
          }
          if (window.Plotly) { draw(window.Plotly); return; }
          var base = document.body.getAttribute('data-base-url');
          var config = document.getElementById('jupyter-config-data');
          if (base === null && config) { try { base = JSON.parse(config.textContent).baseUrl; } catch (e) { base = null; } }
          if (base === null || base === undefined) { return; }
          var src = base.replace(/\/?$/, '/') + 'KERNELSPEC_PLOTLY';
          if (typeof window.require === 'function' && typeof window.define === 'function' && window.define.amd) {
            window.require.config({ paths: { 'mlc-plotly': src.replace(/\.js$/, '') } });
            window.require(['mlc-plotly'], draw, function () {});
          } else {
            var script = document.createElement('script');
            script.src = src;
            script.onload = function () { if (window.Plotly) { draw(window.Plotly); } };
            document.head.appendChild(script);
          }
        }
        """.Replace("KERNELSPEC_PLOTLY", KernelSpecPlotlyPath, StringComparison.Ordinal);

    public static MimeBundle Format(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();
        var traces = figure["data"] is JsonArray data
            ? data.Select(t => t?["type"]?.GetValue<string>() ?? "scatter").ToList()
            : [];
        var title = TitleOf(figure);
        var summary = $"Plotly chart{(title is null ? "" : $" \"{title}\"")}: {traces.Count} trace(s) ({string.Join(", ", traces.Distinct())})";

        // Deterministic (the same figure gives the same HTML in the kernel and the executor); the script draws into the
        // last not yet drawn element with this id, so identical figures on one page each get drawn.
        var figureJson = figure.ToJsonString();
        var id = "mlc-plotly-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(figureJson)))[..16].ToLowerInvariant();
        var html = new StringBuilder()
            .Append("<div class=\"plotly-fallback\" id=\"").Append(id).Append("-fallback\" style=\"border:1px dashed #999;padding:8px;font-family:sans-serif\">")
            .Append("<b>").Append(WebUtility.HtmlEncode(summary)).Append("</b><br/>")
            .Append("<small>Interactive chart stored as ").Append(MimeTypes.PlotlyJson)
            .Append("; it draws in the HTML report and in front ends with a Plotly renderer.</small></div>")
            .Append("<div class=\"plotly-chart\" id=\"").Append(id).Append("\"></div>")
            .Append("<script type=\"text/javascript\">(").Append(DrawScript).Append(")(")
            .Append(JsonSerializer.Serialize(id)).Append(',')
            .Append(figureJson.Replace("</", "<\\/", StringComparison.Ordinal)).Append(");</script>")
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

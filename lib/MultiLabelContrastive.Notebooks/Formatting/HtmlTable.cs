using System.Net;
using System.Text;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>Builds a plain HTML table (<c>&lt;table class="dataframe"&gt;</c>, as pandas does) with escaped cells
/// and an optional note line for truncated rows.</summary>
internal sealed class HtmlTable
{
    private readonly StringBuilder _html = new();
    private bool _inBody;

    public HtmlTable(IEnumerable<string> header, string? corner = "")
    {
        _html.Append("<table class=\"dataframe\"><thead><tr>");
        if (corner is not null)
        {
            _html.Append("<th>").Append(WebUtility.HtmlEncode(corner)).Append("</th>");
        }

        foreach (var h in header)
        {
            _html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }

        _html.Append("</tr></thead>");
    }

    public void AddRow(string? rowHeader, IEnumerable<string> cells)
    {
        if (!_inBody)
        {
            _html.Append("<tbody>");
            _inBody = true;
        }

        _html.Append("<tr>");
        if (rowHeader is not null)
        {
            _html.Append("<th>").Append(WebUtility.HtmlEncode(rowHeader)).Append("</th>");
        }

        foreach (var c in cells)
        {
            _html.Append("<td>").Append(WebUtility.HtmlEncode(c)).Append("</td>");
        }

        _html.Append("</tr>");
    }

    public string ToHtml(string? note = null)
    {
        var html = new StringBuilder(_html.ToString());
        if (_inBody)
        {
            html.Append("</tbody>");
        }

        html.Append("</table>");
        if (note is not null)
        {
            html.Append("<p class=\"table-note\">").Append(WebUtility.HtmlEncode(note)).Append("</p>");
        }

        return "<div class=\"table-wrap\">" + html + "</div>";
    }

    /// <summary>A cell's text: numbers with 6 significant digits (as pandas shows them), missing as empty.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "NaN",
        double d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        _ => PlainText.Format(value),
    };
}

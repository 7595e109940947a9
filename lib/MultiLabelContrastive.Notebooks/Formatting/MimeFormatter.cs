using System.Collections;
using System.Reflection;
using MultiLabelContrastive.Notebooks.Model;
using Plotly.NET;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>
/// Turns a value into a <see cref="MimeBundle"/>, the representations a notebook output holds. Built in:
/// Plotly.NET charts → <c>application/vnd.plotly.v1+json</c> + light <c>text/html</c>; Deedle frames and series,
/// 2-D arrays and sequences of records → <c>text/html</c> tables; <see cref="RunSummary"/> →
/// <c>application/vnd.mlc.run-summary+json</c> + badges in <c>text/html</c>; <see cref="PngImage"/> and PNG <c>byte[]</c> →
/// <c>image/png</c>; <see cref="HtmlContent"/> → <c>text/html</c>; TorchSharp tensors, numbers, strings, records and
/// everything else → <c>text/plain</c>. Every bundle has <c>text/plain</c>.
/// </summary>
/// <remarks>Formatters added with <see cref="Register{T}"/> take precedence over the built-in ones, the most recent first.
/// The instance is thread-safe.</remarks>
public sealed class MimeFormatter
{
    private const int MaxTableRows = 200;

    private readonly List<(Type Type, Func<object, MimeBundle> Format)> _custom = [];
    private readonly Lock _lock = new();

    /// <summary>The formatter the engine uses unless told otherwise; libraries and notebooks may register on it.</summary>
    public static MimeFormatter Default { get; } = new();

    /// <summary>Adds a formatter for values of type <typeparamref name="T"/> (and derived types).</summary>
    /// <typeparam name="T">The value type handled.</typeparam>
    /// <param name="format">Makes the bundle; a bundle without <c>text/plain</c> gets one from <c>ToString()</c>.</param>
    public void Register<T>(Func<T, MimeBundle> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        lock (_lock)
        {
            _custom.Add((typeof(T), v => format((T)v)));
        }
    }

    /// <summary>The MIME bundle of <paramref name="value"/>.</summary>
    /// <param name="value">Any value, null included (shown as <c>null</c>).</param>
    /// <returns>A bundle with <c>text/plain</c> and, depending on the value, richer types first.</returns>
    public MimeBundle Format(object? value)
    {
        if (value is null)
        {
            return new MimeBundle().SetText(MimeTypes.PlainText, "null");
        }

        Func<object, MimeBundle>? custom;
        lock (_lock)
        {
            custom = _custom.LastOrDefault(c => c.Type.IsInstanceOfType(value)).Format;
        }

        var bundle = custom?.Invoke(value) ?? BuiltIn(value);
        if (!bundle.Contains(MimeTypes.PlainText))
        {
            bundle.SetText(MimeTypes.PlainText, PlainText.Format(value));
        }

        return bundle;
    }

    private static MimeBundle BuiltIn(object value)
    {
        switch (value)
        {
            case GenericChart chart:
                return PlotlyFormatting.Format(chart);
            case RunSummary summary:
                return summary.ToMimeBundle();
            case HtmlContent html:
                return new MimeBundle().SetText(MimeTypes.Html, html.Html).SetText(MimeTypes.PlainText, "HTML content");
            case PngImage png:
                return Png(png);
            case byte[] bytes when PngImage.IsPng(bytes):
                return Png(new PngImage(bytes));
            case Array { Rank: 2 } matrix:
                return Matrix(matrix);
        }

        if (PlainText.IsScalar(value))
        {
            return new MimeBundle().SetText(MimeTypes.PlainText, PlainText.Scalar(value));
        }

        return DeedleFormatting.TryFormat(value)
            ?? TensorFormatting.TryFormat(value)
            ?? RecordTable(value)
            ?? new MimeBundle().SetText(MimeTypes.PlainText, PlainText.Format(value));
    }

    private static MimeBundle Png(PngImage png) =>
        new MimeBundle()
            .SetText(MimeTypes.Png, Convert.ToBase64String(png.Bytes))
            .SetText(MimeTypes.PlainText, png.ToString());

    private static MimeBundle Matrix(Array matrix)
    {
        var rows = matrix.GetLength(0);
        var cols = matrix.GetLength(1);
        var shownCols = Math.Min(cols, MaxTableRows);
        var table = new HtmlTable(Enumerable.Range(0, shownCols).Select(j => j.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (var i = 0; i < Math.Min(rows, MaxTableRows); i++)
        {
            table.AddRow(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Enumerable.Range(0, shownCols).Select(j => HtmlTable.Cell(matrix.GetValue(i, j))));
        }

        var note = rows > MaxTableRows || cols > MaxTableRows ? $"{rows} × {cols}; first {Math.Min(rows, MaxTableRows)} × {shownCols} shown" : null;
        return new MimeBundle()
            .SetText(MimeTypes.Html, table.ToHtml(note))
            .SetText(MimeTypes.PlainText, PlainText.Format(matrix));
    }

    /// <summary>A sequence whose items are objects with public properties (records, anonymous types) as a table.</summary>
    private static MimeBundle? RecordTable(object value)
    {
        if (value is not IEnumerable sequence || value is IDictionary || !PlainText.HasDefaultToString(value) && value is not Array)
        {
            return null;
        }

        var itemType = value.GetType().GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault();
        if (itemType is null || itemType == typeof(object) || itemType.IsPrimitive || itemType == typeof(string)
            || itemType.IsEnum || itemType == typeof(decimal) || typeof(IEnumerable).IsAssignableFrom(itemType))
        {
            return null;
        }

        var properties = itemType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToList();
        if (properties.Count == 0)
        {
            return null;
        }

        var table = new HtmlTable(properties.Select(p => p.Name), corner: null);
        var count = 0;
        var more = false;
        foreach (var item in sequence)
        {
            if (count == MaxTableRows)
            {
                more = true; // not enumerated further: the sequence may be long, lazy or endless
                break;
            }

            table.AddRow(null, properties.Select(p => item is null ? "" : HtmlTable.Cell(p.GetValue(item))));
            count++;
        }

        var note = more ? (value is ICollection collection ? $"{collection.Count} rows; " : "more rows; ") + $"first {MaxTableRows} shown" : null;
        return new MimeBundle()
            .SetText(MimeTypes.Html, table.ToHtml(note))
            .SetText(MimeTypes.PlainText, PlainText.Format(value));
    }
}

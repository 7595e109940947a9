using System.Reflection;
using Deedle;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>Deedle frames and series as HTML tables (first <see cref="MaxRows"/> rows, missing values empty) plus
/// Deedle's own text format.</summary>
internal static class DeedleFormatting
{
    public const int MaxRows = 100;

    private static readonly MethodInfo FrameMethod =
        typeof(DeedleFormatting).GetMethod(nameof(FormatFrame), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo SeriesMethod =
        typeof(DeedleFormatting).GetMethod(nameof(FormatSeries), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static MimeBundle? TryFormat(object value)
    {
        for (var type = value.GetType(); type is not null; type = type.BaseType)
        {
            if (!type.IsGenericType)
            {
                continue;
            }

            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(Frame<,>))
            {
                return (MimeBundle)FrameMethod.MakeGenericMethod(type.GetGenericArguments()).Invoke(null, [value])!;
            }

            if (definition == typeof(Series<,>))
            {
                return (MimeBundle)SeriesMethod.MakeGenericMethod(type.GetGenericArguments()).Invoke(null, [value])!;
            }
        }

        return null;
    }

    private static MimeBundle FormatFrame<TRow, TColumn>(Frame<TRow, TColumn> frame)
        where TRow : notnull
        where TColumn : notnull
    {
        var columnKeys = frame.ColumnKeys.ToList();
        var columns = columnKeys.Select(frame.GetColumn<object>).ToList();
        var table = new HtmlTable(columnKeys.Select(k => PlainText.Scalar(k)));
        var rowKeys = frame.RowKeys.ToList();
        foreach (var rowKey in rowKeys.Take(MaxRows))
        {
            table.AddRow(PlainText.Scalar(rowKey), columns.Select(c =>
            {
                var value = c.TryGet(rowKey);
                return value.HasValue ? HtmlTable.Cell(value.Value) : "";
            }));
        }

        var note = rowKeys.Count > MaxRows ? $"{rowKeys.Count} rows × {columnKeys.Count} columns; first {MaxRows} shown" : null;
        return new MimeBundle()
            .SetText(MimeTypes.Html, table.ToHtml(note))
            .SetText(MimeTypes.PlainText, frame.Format());
    }

    private static MimeBundle FormatSeries<TKey, TValue>(Series<TKey, TValue> series)
        where TKey : notnull
    {
        var table = new HtmlTable(["value"], corner: "key");
        var keys = series.Keys.ToList();
        foreach (var key in keys.Take(MaxRows))
        {
            var value = series.TryGet(key);
            table.AddRow(PlainText.Scalar(key), [value.HasValue ? HtmlTable.Cell(value.Value) : ""]);
        }

        var note = keys.Count > MaxRows ? $"{keys.Count} values; first {MaxRows} shown" : null;
        return new MimeBundle()
            .SetText(MimeTypes.Html, table.ToHtml(note))
            .SetText(MimeTypes.PlainText, series.Format());
    }
}

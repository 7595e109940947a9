using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace MultiLabelContrastive.Display;

/// <summary>The few chart shapes the notebooks use, with titles and axis labels in one call.</summary>
public static class Charts
{
    /// <summary>Grouped vertical bars: one group per category, one bar per series, optional error bars.</summary>
    public static GenericChart Bars(string title, IReadOnlyList<string> categories, IEnumerable<BarSeries> series, string? yTitle = null, string? xTitle = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var traces = new List<GenericChart>();
        foreach (var s in series)
        {
            if (s.Values.Count != categories.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
            var bar = CSharpChart.Column<double, string, string>(s.Values, Keys: categories.ToArray(), Name: s.Name);
            if (s.Errors is not null)
                bar = GenericChart.mapTrace(Microsoft.FSharp.Core.FuncConvert.FromFunc<Trace, Trace>(t =>
                {
                    t.SetProperty("error_y", new Dictionary<string, object> { ["type"] = "data", ["array"] = s.Errors.ToArray(), ["visible"] = true });
                    return t;
                }), bar);
            traces.Add(bar);
        }
        return CSharpChart.Combine(traces).WithLayoutValue("barmode", "group").Titled(title, xTitle, yTitle);
    }

    /// <summary>A heat map of <paramref name="z"/> (rows = y categories, columns = x categories).</summary>
    public static GenericChart Heatmap(string title, double[,] z, IReadOnlyList<string> x, IReadOnlyList<string> y, string? xTitle = null, string? yTitle = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.GetLength(0) != y.Count || z.GetLength(1) != x.Count)
            throw new ArgumentException($"z is {z.GetLength(0)}×{z.GetLength(1)} but there are {y.Count} y and {x.Count} x categories.", nameof(z));
        // NaN (undefined) cells are shown as gaps: plotly.js reads a JSON null there.
        var rows = Enumerable.Range(0, z.GetLength(0))
            .Select(i => Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j]).ToArray())
            .ToArray();
        return CSharpChart.Heatmap<double, string, string, string>(rows, X: x.ToArray(), Y: y.ToArray())
            .Titled(title, xTitle, yTitle);
    }

    /// <summary>Box plots, one per named group of values.</summary>
    public static GenericChart Boxes(string title, IEnumerable<(string Name, IReadOnlyList<double> Values)> groups, string? yTitle = null)
    {
        var traces = groups.Select(g => CSharpChart.BoxPlot<string, double, string>(Y: g.Values.ToArray(), Name: g.Name)).ToList();
        return CSharpChart.Combine(traces).Titled(title, null, yTitle);
    }

    /// <summary>Lines through (x, y) points, one per named series.</summary>
    public static GenericChart Lines(string title, IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series, string? xTitle = null, string? yTitle = null)
    {
        var traces = series.Select(s => CSharpChart.Line<double, double, string>(s.X.ToArray(), s.Y.ToArray(), Name: s.Name, ShowMarkers: true)).ToList();
        return CSharpChart.Combine(traces).Titled(title, xTitle, yTitle);
    }

    /// <summary>Scatter points, one trace per named group, with optional hover labels.</summary>
    public static GenericChart Points(string title, IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> groups, string? xTitle = null, string? yTitle = null)
    {
        var traces = groups.Select(g => CSharpChart.Point<double, double, string>(g.X.ToArray(), g.Y.ToArray(), Name: g.Name)).ToList();
        return CSharpChart.Combine(traces).Titled(title, xTitle, yTitle);
    }
}

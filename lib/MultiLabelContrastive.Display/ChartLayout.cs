using Plotly.NET;

namespace MultiLabelContrastive.Display;

/// <summary>Titles, axis labels and shapes set on a chart's layout (plain plotly.js layout keys).</summary>
public static class ChartLayout
{
    /// <summary>Sets the title and axis titles; null leaves a title unset.</summary>
    public static GenericChart Titled(this GenericChart chart, string? title, string? xTitle = null, string? yTitle = null) =>
        GenericChart.mapLayout(FSharpFunc(layout =>
        {
            if (title is not null) layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
            if (xTitle is not null) layout.SetProperty("xaxis", Axis(layout, "xaxis", xTitle));
            if (yTitle is not null) layout.SetProperty("yaxis", Axis(layout, "yaxis", yTitle));
            return layout;
        }), chart);

    /// <summary>Sets any top-level layout key, for example "barmode" or "shapes".</summary>
    public static GenericChart WithLayoutValue(this GenericChart chart, string key, object value) =>
        GenericChart.mapLayout(FSharpFunc(layout => { layout.SetProperty(key, value); return layout; }), chart);

    /// <summary>Fixes the chart's size in pixels.</summary>
    public static GenericChart Sized(this GenericChart chart, int width, int height) =>
        chart.WithLayoutValue("width", width).WithLayoutValue("height", height);

    private static Dictionary<string, object> Axis(Layout layout, string key, string title)
    {
        var axis = new Dictionary<string, object>();
        if (layout.TryGetTypedPropertyValue<Dictionary<string, object>>(key) is { } existing && existing.Value is not null)
            foreach (var kv in existing.Value) axis[kv.Key] = kv.Value;
        axis["title"] = new Dictionary<string, object> { ["text"] = title };
        axis["automargin"] = true;
        return axis;
    }

    private static Microsoft.FSharp.Core.FSharpFunc<Layout, Layout> FSharpFunc(Func<Layout, Layout> f) =>
        Microsoft.FSharp.Core.FuncConvert.FromFunc(f);
}

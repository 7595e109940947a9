using MultiLabelContrastive.Relations;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace MultiLabelContrastive.Display;

/// <summary>Two-circle diagrams of an anchor's label set S and a sample's label set T, drawn as plotly.js shapes.</summary>
public static class SetDiagram
{
    private sealed record Circle(double X, double Y, double R);

    /// <summary>The diagram of one relation: S (blue) and T (orange) placed as the relation says.</summary>
    /// <param name="relation">R1–R5 (Undefined draws S empty).</param>
    /// <param name="anchorLabels">Names of S's labels, written inside S.</param>
    /// <param name="sampleLabels">Names of T's labels, written inside T.</param>
    /// <param name="title">Chart title; defaults to the relation's name.</param>
    public static GenericChart For(Relation relation, IReadOnlyList<string> anchorLabels, IReadOnlyList<string> sampleLabels, string? title = null)
    {
        var (s, t) = relation switch
        {
            Relation.R1 => (new Circle(0, 0, 1), new Circle(2.6, 0, 1)),
            Relation.R2 => (new Circle(0, 0, 1), new Circle(0, 0, 1)),
            Relation.R3 => (new Circle(0, 0, 1), new Circle(1.2, 0, 1)),
            Relation.R4 => (new Circle(0, 0, 1.3), new Circle(0.45, 0, 0.6)),
            Relation.R5 => (new Circle(0.45, 0, 0.6), new Circle(0, 0, 1.3)),
            _ => (new Circle(0, 0, 0.2), new Circle(1.6, 0, 1)),
        };
        var shapes = new[] { Shape(s, "rgba(31,119,180,0.25)", "solid"), Shape(t, "rgba(255,127,14,0.25)", relation == Relation.R2 ? "dash" : "solid") };
        var annotations = new[]
        {
            Note(s.X - (relation == Relation.R5 ? 0 : s.R * 0.35), s.Y + s.R * 0.35, "S = {" + string.Join(", ", anchorLabels) + "}", "#1f77b4"),
            Note(t.X + (relation == Relation.R4 ? 0 : t.R * 0.35), t.Y - t.R * (relation == Relation.R5 ? 0.7 : 0.35), "T = {" + string.Join(", ", sampleLabels) + "}", "#d62728"),
        };
        var hidden = new Dictionary<string, object> { ["visible"] = false, ["range"] = new[] { -1.8, 3.8 } };
        var hiddenY = new Dictionary<string, object> { ["visible"] = false, ["range"] = new[] { -1.6, 1.6 }, ["scaleanchor"] = "x" };
        return CSharpChart.Point<double, double, string>(new[] { 0.0 }, new[] { 0.0 }, Name: "", ShowLegend: false, Opacity: 0)
            .WithLayoutValue("shapes", shapes)
            .WithLayoutValue("annotations", annotations)
            .WithLayoutValue("xaxis", hidden)
            .WithLayoutValue("yaxis", hiddenY)
            .Sized(420, 260)
            .Titled(title ?? relation.ToString());
    }

    private static Dictionary<string, object> Shape(Circle c, string fill, string dash) => new()
    {
        ["type"] = "circle", ["xref"] = "x", ["yref"] = "y",
        ["x0"] = c.X - c.R, ["x1"] = c.X + c.R, ["y0"] = c.Y - c.R, ["y1"] = c.Y + c.R,
        ["fillcolor"] = fill, ["line"] = new Dictionary<string, object> { ["dash"] = dash, ["width"] = 2 },
    };

    private static Dictionary<string, object> Note(double x, double y, string text, string color) => new()
    {
        ["x"] = x, ["y"] = y, ["text"] = text, ["showarrow"] = false, ["font"] = new Dictionary<string, object> { ["color"] = color, ["size"] = 13 },
    };
}

using MultiLabelContrastive.Relations;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace MultiLabelContrastive.Display;

/// <summary>Two-circle diagrams of an anchor's label set S and a sample's label set T, drawn as plotly.js shapes.</summary>
public static class SetDiagram
{
    private sealed record Circle(double X, double Y, double R);

    /// <summary>The diagram of one relation: S (blue) and T (orange) placed as the relation says, every region labelled
    /// with its labels (S \ T in S alone, S ∩ T where the circles overlap, T \ S in T alone).</summary>
    /// <param name="relation">R1–R5 (Undefined draws S empty).</param>
    /// <param name="anchorLabels">Names of S's labels.</param>
    /// <param name="sampleLabels">Names of T's labels.</param>
    /// <param name="title">Chart title; defaults to the relation's name.</param>
    public static GenericChart For(Relation relation, IReadOnlyList<string> anchorLabels, IReadOnlyList<string> sampleLabels, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(anchorLabels);
        ArgumentNullException.ThrowIfNull(sampleLabels);
        var onlyS = anchorLabels.Except(sampleLabels).ToList();
        var both = anchorLabels.Intersect(sampleLabels).ToList();
        var onlyT = sampleLabels.Except(anchorLabels).ToList();
        // Circles, and where the three regions' labels go: S alone, the overlap, T alone.
        var (s, t, sAlone, overlap, tAlone) = relation switch
        {
            Relation.R1 => (new Circle(0, 0, 1), new Circle(2.6, 0, 1), (0.0, 0.0), (1.3, 0.0), (2.6, 0.0)),
            Relation.R2 => (new Circle(0, 0, 1), new Circle(0, 0, 1), (0.0, 0.45), (0.0, 0.0), (0.0, -0.45)),
            Relation.R3 => (new Circle(0, 0, 1), new Circle(1.3, 0, 1), (-0.45, 0.0), (0.65, 0.0), (1.75, 0.0)),
            Relation.R4 => (new Circle(0, 0, 1.3), new Circle(0.45, 0, 0.7), (-0.85, 0.0), (0.45, 0.0), (0.45, 0.0)),
            Relation.R5 => (new Circle(0.45, 0, 0.7), new Circle(0, 0, 1.3), (0.45, 0.0), (0.45, 0.0), (-0.85, 0.0)),
            _ => (new Circle(0, 0, 0.2), new Circle(1.6, 0, 1), (0.0, 0.0), (0.8, 0.0), (1.6, 0.0)),
        };
        var shapes = new[] { Shape(s, "rgba(31,119,180,0.22)", "solid", "#1f77b4"), Shape(t, "rgba(255,127,14,0.22)", relation == Relation.R2 ? "dash" : "solid", "#ff7f0e") };
        var annotations = new List<Dictionary<string, object>>
        {
            Note(s.X - s.R * 0.75, s.Y + s.R * 0.95, "S", "#1f77b4", 15),
            Note(t.X + t.R * 0.75, t.Y + t.R * 0.95, "T", "#d95f02", 15),
        };
        if (onlyS.Count > 0) annotations.Add(Note(sAlone.Item1, sAlone.Item2, string.Join(", ", onlyS), "#1f77b4", 16));
        if (both.Count > 0) annotations.Add(Note(overlap.Item1, overlap.Item2, string.Join(", ", both), "#333333", 16));
        if (onlyT.Count > 0) annotations.Add(Note(tAlone.Item1, tAlone.Item2, string.Join(", ", onlyT), "#d95f02", 16));
        var hidden = new Dictionary<string, object> { ["visible"] = false, ["range"] = new[] { -1.8, 3.8 } };
        var hiddenY = new Dictionary<string, object> { ["visible"] = false, ["range"] = new[] { -1.5, 1.6 }, ["scaleanchor"] = "x" };
        return CSharpChart.Point<double, double, string>(new[] { 0.0 }, new[] { 0.0 }, Name: "", ShowLegend: false, Opacity: 0)
            .WithLayoutValue("shapes", shapes)
            .WithLayoutValue("annotations", annotations)
            .WithLayoutValue("xaxis", hidden)
            .WithLayoutValue("yaxis", hiddenY)
            .WithLayoutValue("margin", new Dictionary<string, object> { ["l"] = 10, ["r"] = 10, ["t"] = 60, ["b"] = 10 })
            .Sized(520, 320)
            .Titled(title ?? relation.ToString());
    }

    private static Dictionary<string, object> Shape(Circle c, string fill, string dash, string line) => new()
    {
        ["type"] = "circle", ["xref"] = "x", ["yref"] = "y",
        ["x0"] = c.X - c.R, ["x1"] = c.X + c.R, ["y0"] = c.Y - c.R, ["y1"] = c.Y + c.R,
        ["fillcolor"] = fill, ["line"] = new Dictionary<string, object> { ["dash"] = dash, ["width"] = 2, ["color"] = line },
    };

    private static Dictionary<string, object> Note(double x, double y, string text, string color, int size) => new()
    {
        ["x"] = x, ["y"] = y, ["text"] = text, ["showarrow"] = false, ["font"] = new Dictionary<string, object> { ["color"] = color, ["size"] = size },
    };
}

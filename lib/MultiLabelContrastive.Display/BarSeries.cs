namespace MultiLabelContrastive.Display;

/// <summary>One named series of a bar chart, with optional symmetric error bars (e.g. ± one standard deviation).</summary>
/// <param name="Name">Legend name.</param>
/// <param name="Values">One value per category.</param>
/// <param name="Errors">Error-bar half widths, one per category, or null.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);

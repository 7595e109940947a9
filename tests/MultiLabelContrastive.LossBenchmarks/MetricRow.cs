namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>One metric on the large score matrix: our time, scikit-learn's, and the two values.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="OursMs">Our median milliseconds.</param>
/// <param name="OursValue">Our value.</param>
/// <param name="SklearnMs">scikit-learn's median milliseconds (null: not compared).</param>
/// <param name="SklearnValue">scikit-learn's value (null: not compared).</param>
/// <param name="Note">How scikit-learn computes it, or why it was not compared.</param>
public sealed record MetricRow(string Metric, double OursMs, double OursValue, double? SklearnMs, double? SklearnValue, string Note)
{
    /// <summary>Our time / scikit-learn's (≤ 1 means we are at least as fast).</summary>
    public double? Ratio => SklearnMs is { } s && s > 0 ? OursMs / s : null;

    /// <summary>|ours − sklearn| (null: not compared).</summary>
    public double? AbsoluteError => SklearnValue is { } v ? Math.Abs(OursValue - v) : null;
}

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>One metric (or group of values computed by one call) on the large score matrix, ours and scikit-learn's.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Ours">Our timing.</param>
/// <param name="OursValues">Our values.</param>
/// <param name="SklearnMs">scikit-learn's median milliseconds (null: not compared).</param>
/// <param name="SklearnValues">scikit-learn's values (null: not compared).</param>
/// <param name="Note">How scikit-learn computes it, or why it was not compared.</param>
public sealed record MetricRow(string Metric, Timing Ours, double[] OursValues, double? SklearnMs, double[]? SklearnValues, string Note)
{
    /// <summary>Agreement tolerance: absolute difference of each value.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Our median milliseconds.</summary>
    public double OursMs => Ours.Median;

    /// <summary>Our time / scikit-learn's (≤ 1 means we are at least as fast).</summary>
    public double? Ratio => SklearnMs is { } s && s > 0 ? OursMs / s : null;

    /// <summary>Largest |ours − scikit-learn| over the values (null: not compared or a count mismatch).</summary>
    public double? MaxAbsoluteError => SklearnValues is { } v && v.Length == OursValues.Length
        ? OursValues.Zip(v, (a, b) => double.IsNaN(a) && double.IsNaN(b) ? 0 : Math.Abs(a - b)).DefaultIfEmpty(0).Max()
        : null;

    /// <summary>Values agree within <see cref="Tolerance"/>.</summary>
    public bool? Agrees => SklearnValues is null ? null : MaxAbsoluteError is { } e && e <= Tolerance;
}

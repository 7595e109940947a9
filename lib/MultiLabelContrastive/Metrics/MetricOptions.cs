namespace MultiLabelContrastive.Metrics;

/// <summary>Options of <see cref="MultiLabelMetrics.Evaluate(double[,], int[,], MetricOptions?)"/>.</summary>
public sealed record MetricOptions
{
    /// <summary>
    /// Thresholds of the F1, precision and recall metrics; default <see cref="MetricThresholds.Fixed"/>(0.5).
    /// Use <see cref="ThresholdSelection.OnValidation(double[,], int[,])"/> for thresholds chosen on validation.
    /// </summary>
    public MetricThresholds Thresholds { get; init; } = MetricThresholds.Fixed();

    /// <summary>The k values of P@k to report, each in 1..C; default none.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [];
}

namespace MultiLabelContrastive.Training;

/// <summary>One row of an experiment's metrics table: a test metric for the two-stage method and, when it was run, the BCE baseline.</summary>
/// <param name="Metric">Metric name as in <see cref="Metrics.MetricReport.NamedValues"/> (e.g. "MeanAveragePrecision", "MicroF1", "P@1").</param>
/// <param name="Contrastive">Value of the contrastive pretraining + linear probe.</param>
/// <param name="Baseline">Value of the end-to-end BCE baseline (null when it was not run).</param>
public sealed record MetricRow(string Metric, double Contrastive, double? Baseline);

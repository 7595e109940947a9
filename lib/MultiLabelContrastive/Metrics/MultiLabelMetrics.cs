using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Every multi-label metric of docs/MATH.md in one call: micro-F1, <c>MacroF1Mean</c> (with and without
/// <c>LabelsPresentOnly</c>), <c>MacroF1Caml</c>, micro/macro precision and recall, micro/macro ROC-AUC, mAP and P@k.
/// </summary>
/// <example>
/// <code>
/// var thresholds = ThresholdSelection.OnValidation(validationScores, validationTruth);
/// var report = MultiLabelMetrics.Evaluate(testScores, testTruth, new MetricOptions { Thresholds = thresholds, Ks = [1, 3, 5] });
/// Console.WriteLine($"micro-F1 {report.MicroF1:F4}  MacroF1Mean {report.MacroF1Mean:F4}  mAP {report.MeanAveragePrecision:F4}");
/// </code>
/// </example>
public static class MultiLabelMetrics
{
    /// <summary>Evaluates n×C scores against n×C truth.</summary>
    /// <param name="scores">n×C finite scores (probabilities for the threshold metrics; ranking metrics accept any
    /// finite reals). float32 scores are compared with thresholds rounded to float32.</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <param name="options">Thresholds and P@k values; default: fixed threshold 0.5, no P@k.</param>
    /// <returns>The report. Cost: one pass for the threshold metrics, one sort of each label's positives (O(n log P) per label),
    /// one sort of the rarer class for micro-AUC and O(C log k) per sample for P@k, in parallel.</returns>
    /// <exception cref="ArgumentNullException">scores, truth or a part of options is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch (both shapes named), non-finite score or
    /// non-binary label (row and column named).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A k outside 1..C (k and C named).</exception>
    public static MetricReport Evaluate(double[,] scores, int[,] truth, MetricOptions? options = null) =>
        Core(scores, truth, options);

    /// <inheritdoc cref="Evaluate(double[,], int[,], MetricOptions?)"/>
    public static MetricReport Evaluate(float[,] scores, int[,] truth, MetricOptions? options = null) =>
        Core(scores, truth, options);

    private static MetricReport Core<T>(T[,] scores, int[,] truth, MetricOptions? options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        options ??= new MetricOptions();
        var ks = MetricEvaluation.Ks(options, scores.GetLength(1), nameof(options));
        return MetricEvaluation.Evaluate(scores, truth, scores.GetLength(0), options.Thresholds, ks);
    }
}

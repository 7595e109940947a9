using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Micro and macro precision and recall of thresholded multi-label scores (prediction is
/// <c>score ≥ threshold</c>). A zero denominator counts as 0 (scikit-learn <c>zero_division=0</c>): a label never
/// predicted has precision 0, a label with no positive has recall 0.
/// </summary>
public static class PrecisionRecall
{
    /// <summary>micro-precision TP / (TP + FP) and micro-recall TP / (TP + FN), counts pooled over all cells.</summary>
    /// <param name="scores">n×C finite scores.</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <param name="threshold">Decision threshold, any finite real (0.5 for probabilities).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score or non-binary label.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Non-finite threshold.</exception>
    public static (double Precision, double Recall) Micro(double[,] scores, int[,] truth, double threshold = MetricThresholds.Default) =>
        Core(scores, truth, threshold, micro: true);

    /// <inheritdoc cref="Micro(double[,], int[,], double)"/>
    public static (double Precision, double Recall) Micro(float[,] scores, int[,] truth, double threshold = MetricThresholds.Default) =>
        Core(scores, truth, threshold, micro: true);

    /// <summary>macro-precision and macro-recall: the means over all C labels of per-label precision and recall.</summary>
    /// <inheritdoc cref="Micro(double[,], int[,], double)"/>
    public static (double Precision, double Recall) Macro(double[,] scores, int[,] truth, double threshold = MetricThresholds.Default) =>
        Core(scores, truth, threshold, micro: false);

    /// <inheritdoc cref="Macro(double[,], int[,], double)"/>
    public static (double Precision, double Recall) Macro(float[,] scores, int[,] truth, double threshold = MetricThresholds.Default) =>
        Core(scores, truth, threshold, micro: false);

    private static (double, double) Core<T>(T[,] scores, int[,] truth, double threshold, bool micro)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        MetricArgs.Threshold(threshold, nameof(threshold));
        var m = ThresholdCounts.Compute(scores, truth, scores.GetLength(0), [threshold]).At(threshold);
        return micro ? (m.MicroPrecision, m.MicroRecall) : (m.MacroPrecision, m.MacroRecall);
    }
}

using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// F1 of thresholded multi-label scores (prediction is <c>score ≥ threshold</c>) in one of the conventions of
/// <see cref="F1Average"/>; zero denominators count as 0 (scikit-learn <c>zero_division=0</c>).
/// </summary>
public static class F1Score
{
    /// <summary>F1 in the named convention.</summary>
    /// <param name="scores">n×C finite scores.</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <param name="average">The convention: micro, <c>MacroF1Mean</c> or <c>MacroF1Caml</c>.</param>
    /// <param name="threshold">Decision threshold, any finite real (0.5 for probabilities, the papers' default);
    /// compared in the precision of the scores.</param>
    /// <param name="labelsPresentOnly">The <c>LabelsPresentOnly</c> option of <see cref="F1Average.MacroMean"/>: average
    /// over the labels with at least one positive only (result NaN when there is none). Not allowed with the
    /// other conventions.</param>
    /// <returns>F1 in [0, 1] (NaN only as described for <paramref name="labelsPresentOnly"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score, non-binary label, or
    /// <paramref name="labelsPresentOnly"/> with a convention other than <see cref="F1Average.MacroMean"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Non-finite threshold or undefined <paramref name="average"/>.</exception>
    public static double Compute(double[,] scores, int[,] truth, F1Average average,
        double threshold = MetricThresholds.Default, bool labelsPresentOnly = false) =>
        Core(scores, truth, average, threshold, labelsPresentOnly);

    /// <inheritdoc cref="Compute(double[,], int[,], F1Average, double, bool)"/>
    public static double Compute(float[,] scores, int[,] truth, F1Average average,
        double threshold = MetricThresholds.Default, bool labelsPresentOnly = false) =>
        Core(scores, truth, average, threshold, labelsPresentOnly);

    private static double Core<T>(T[,] scores, int[,] truth, F1Average average, double threshold, bool labelsPresentOnly)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        MetricArgs.Average(average, labelsPresentOnly, nameof(average), nameof(labelsPresentOnly));
        MetricArgs.Threshold(threshold, nameof(threshold));
        return ThresholdCounts.Compute(scores, truth, scores.GetLength(0), [threshold])
            .At(threshold).F1(average, labelsPresentOnly);
    }
}

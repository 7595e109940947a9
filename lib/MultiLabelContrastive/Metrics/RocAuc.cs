using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// ROC-AUC of multi-label scores, ties handled as scikit-learn <c>roc_auc_score</c> (trapezoid over the distinct
/// thresholds: a tied positive–negative pair counts one half). Rank-based: scores may be probabilities or logits.
/// </summary>
public static class RocAuc
{
    /// <summary>
    /// micro-AUC: ROC-AUC of the flattened n×C matrix (every cell one example). The rarer class is sorted once and
    /// the other streamed against it: O(m log m + N) typically, O(N log m) at worst, for m rarer cells out of N = n·C.
    /// </summary>
    /// <param name="scores">n×C finite scores.</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <returns>The AUC in [0, 1]; NaN when every cell is positive or every cell is negative.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score or non-binary label.</exception>
    public static double Micro(double[,] scores, int[,] truth) => MicroCore(scores, truth);

    /// <inheritdoc cref="Micro(double[,], int[,])"/>
    public static double Micro(float[,] scores, int[,] truth) => MicroCore(scores, truth);

    /// <summary>
    /// macro-AUC: the mean of per-label ROC-AUC over the labels with at least one positive and one negative;
    /// the other labels are skipped and counted. The positive scores of each label are sorted once and the negatives
    /// counted against them (O(n log P) per label for P positives), labels in parallel.
    /// </summary>
    /// <param name="scores">n×C finite scores.</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <returns>The mean (NaN when no label has both classes), the labels used and skipped.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score or non-binary label.</exception>
    public static LabelAverage Macro(double[,] scores, int[,] truth) => MacroCore(scores, truth);

    /// <inheritdoc cref="Macro(double[,], int[,])"/>
    public static LabelAverage Macro(float[,] scores, int[,] truth) => MacroCore(scores, truth);

    private static double MicroCore<T>(T[,] scores, int[,] truth) where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        return MicroRoc.Compute(scores, truth, scores.GetLength(0));
    }

    private static LabelAverage MacroCore<T>(T[,] scores, int[,] truth) where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        return LabelAverage.OfDefined(LabelRanking.Compute(scores, truth, scores.GetLength(0)).Auc);
    }
}

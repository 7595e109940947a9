using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Average precision as scikit-learn <c>average_precision_score</c>: AP = Σ_k (R_k − R_{k−1}) · P_k over the
/// distinct score thresholds from the highest down (step-wise, no interpolation; tied scores enter together).
/// </summary>
public static class AveragePrecision
{
    /// <summary>
    /// mAP: the mean of per-label average precision over the labels with at least one positive (the others are
    /// skipped and counted; a label positive for every sample has AP = 1). The positive scores of each label are sorted once
    /// and the negatives counted against them (O(n log P) per label), labels in parallel.
    /// </summary>
    /// <param name="scores">n×C finite scores (probabilities or logits: only the order matters).</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <returns>The mean (NaN when no label has a positive), the labels used and skipped.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score or non-binary label.</exception>
    public static LabelAverage MeanAveragePrecision(double[,] scores, int[,] truth) => MeanCore(scores, truth);

    /// <inheritdoc cref="MeanAveragePrecision(double[,], int[,])"/>
    public static LabelAverage MeanAveragePrecision(float[,] scores, int[,] truth) => MeanCore(scores, truth);

    private static LabelAverage MeanCore<T>(T[,] scores, int[,] truth) where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        return LabelAverage.OfDefined(LabelRanking.Compute(scores, truth, scores.GetLength(0)).AveragePrecision);
    }
}

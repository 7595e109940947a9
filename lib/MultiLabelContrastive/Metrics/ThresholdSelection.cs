using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Chooses decision thresholds per metric from <see cref="Candidates"/> (0.1, 0.2, …, 0.9): the candidate with the
/// highest value of that metric, ties (values within 1e-12) to the lowest threshold. One pass over the matrix
/// serves all candidates. Choose on the validation split (<see cref="OnValidation(double[,], int[,])"/>) and
/// evaluate the test split with the result; <see cref="Oracle(double[,], int[,])"/> chooses on the evaluated split
/// itself, as the MulSupCon reference code does, which is optimistic and labelled so.
/// </summary>
public static class ThresholdSelection
{
    private const double TieTolerance = 1e-12;

    /// <summary>The candidate thresholds 0.1, 0.2, …, 0.9 (for probabilities).</summary>
    public static IReadOnlyList<double> Candidates { get; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>The candidate that maximises one F1 convention on the given scores (ties: the lowest).</summary>
    /// <param name="scores">n×C finite scores (probabilities).</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <param name="average">The F1 convention to maximise.</param>
    /// <param name="labelsPresentOnly">The <c>LabelsPresentOnly</c> option of <see cref="F1Average.MacroMean"/>.
    /// When no label is present that metric is undefined for every candidate and the lowest candidate is returned.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score, non-binary label, or
    /// <paramref name="labelsPresentOnly"/> with a convention other than <see cref="F1Average.MacroMean"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Undefined <paramref name="average"/>.</exception>
    public static double Choose(double[,] scores, int[,] truth, F1Average average, bool labelsPresentOnly = false) =>
        ChooseCore(scores, truth, average, labelsPresentOnly);

    /// <inheritdoc cref="Choose(double[,], int[,], F1Average, bool)"/>
    public static double Choose(float[,] scores, int[,] truth, F1Average average, bool labelsPresentOnly = false) =>
        ChooseCore(scores, truth, average, labelsPresentOnly);

    /// <summary>
    /// Thresholds for every F1 convention chosen on the validation split (<see cref="ThresholdRule.Validation"/>);
    /// pass them in <see cref="MetricOptions.Thresholds"/> to evaluate the test split.
    /// </summary>
    /// <param name="validationScores">n×C finite scores of the validation split.</param>
    /// <param name="validationTruth">n×C labels of the validation split, 0 or 1.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score or non-binary label.</exception>
    public static MetricThresholds OnValidation(double[,] validationScores, int[,] validationTruth) =>
        SelectCore(validationScores, validationTruth, ThresholdRule.Validation, nameof(validationScores), nameof(validationTruth));

    /// <inheritdoc cref="OnValidation(double[,], int[,])"/>
    public static MetricThresholds OnValidation(float[,] validationScores, int[,] validationTruth) =>
        SelectCore(validationScores, validationTruth, ThresholdRule.Validation, nameof(validationScores), nameof(validationTruth));

    /// <summary>
    /// <see cref="ThresholdRule.OracleThreshold"/>: thresholds chosen on the split that is then evaluated (the MulSupCon
    /// reference code's practice). Optimistic, because the evaluated labels choose the threshold; only for comparison
    /// with numbers published that way, and labelled as such (<see cref="MetricThresholds.IsOptimistic"/>).
    /// </summary>
    /// <param name="scores">n×C finite scores of the evaluated split.</param>
    /// <param name="truth">n×C labels of the evaluated split, 0 or 1.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score or non-binary label.</exception>
    public static MetricThresholds Oracle(double[,] scores, int[,] truth) =>
        SelectCore(scores, truth, ThresholdRule.OracleThreshold, nameof(scores), nameof(truth));

    /// <inheritdoc cref="Oracle(double[,], int[,])"/>
    public static MetricThresholds Oracle(float[,] scores, int[,] truth) =>
        SelectCore(scores, truth, ThresholdRule.OracleThreshold, nameof(scores), nameof(truth));

    private static double ChooseCore<T>(T[,] scores, int[,] truth, F1Average average, bool labelsPresentOnly)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        MetricArgs.Average(average, labelsPresentOnly, nameof(average), nameof(labelsPresentOnly));
        var counts = ThresholdCounts.Compute(scores, truth, scores.GetLength(0), Candidates);
        return Best(counts, m => m.F1(average, labelsPresentOnly));
    }

    private static MetricThresholds SelectCore<T>(T[,] scores, int[,] truth, ThresholdRule rule, string scoresName, string truthName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, scoresName, truthName);
        return Select(scores, truth, scores.GetLength(0), rule);
    }

    /// <summary>Thresholds for every convention over the first <paramref name="rows"/> rows (inputs validated).</summary>
    internal static MetricThresholds Select<T>(T[,] scores, int[,] truth, int rows, ThresholdRule rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var counts = ThresholdCounts.Compute(scores, truth, rows, Candidates);
        return new MetricThresholds(rule,
            forMicroF1: Best(counts, m => m.MicroF1),
            forMacroF1Mean: Best(counts, m => m.MacroF1Mean),
            forMacroF1MeanLabelsPresentOnly: Best(counts, m => m.MacroF1MeanLabelsPresentOnly),
            forMacroF1Caml: Best(counts, m => m.MacroF1Caml));
    }

    /// <summary>The lowest candidate whose value no later candidate beats by more than the tie tolerance.</summary>
    private static double Best(ThresholdCounts counts, Func<ThresholdMetrics, double> metric)
    {
        double best = Candidates[0], bestValue = metric(counts.At(best));
        foreach (double t in Candidates.Skip(1))
        {
            double v = metric(counts.At(t));
            if (v > bestValue + TieTolerance || (double.IsNaN(bestValue) && !double.IsNaN(v)))
            {
                best = t;
                bestValue = v;
            }
        }
        return best;
    }
}

using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Precision at k: the mean over samples of |top-k scored labels ∩ true labels| / k. Ties in score go to the
/// lower label index; samples without a true label count (with k in the denominator). k must be in 1..C.
/// </summary>
public static class PrecisionAtK
{
    /// <summary>P@k for one k.</summary>
    /// <param name="scores">n×C finite scores.</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <param name="k">Number of top labels per sample, 1 ≤ k ≤ C.</param>
    /// <returns>P@k in [0, 1].</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix, shape mismatch, non-finite score or non-binary label.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..C (the message names k and C).</exception>
    public static double Compute(double[,] scores, int[,] truth, int k) => Core(scores, truth, [k], nameof(k))[0];

    /// <inheritdoc cref="Compute(double[,], int[,], int)"/>
    public static double Compute(float[,] scores, int[,] truth, int k) => Core(scores, truth, [k], nameof(k))[0];

    /// <summary>P@k for several k from one top-k selection per sample.</summary>
    /// <param name="scores">n×C finite scores.</param>
    /// <param name="truth">n×C labels, 0 or 1.</param>
    /// <param name="ks">The k values (at least one), each in 1..C.</param>
    /// <returns>P@k for each entry of <paramref name="ks"/>, in the same order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty matrix or <paramref name="ks"/>, shape mismatch, non-finite score
    /// or non-binary label.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A k outside 1..C (the message names k and C).</exception>
    public static double[] Compute(double[,] scores, int[,] truth, IReadOnlyList<int> ks) => Core(scores, truth, ks, nameof(ks));

    /// <inheritdoc cref="Compute(double[,], int[,], IReadOnlyList{int})"/>
    public static double[] Compute(float[,] scores, int[,] truth, IReadOnlyList<int> ks) => Core(scores, truth, ks, nameof(ks));

    private static double[] Core<T>(T[,] scores, int[,] truth, IReadOnlyList<int> ks, string ksName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        ArgumentNullException.ThrowIfNull(ks, ksName);
        if (ks.Count == 0) throw new ArgumentException("Give at least one k.", ksName);
        foreach (int k in ks) MetricArgs.K(k, scores.GetLength(1), ksName);
        return TopLabels.PrecisionAt(scores, truth, scores.GetLength(0), ks);
    }
}

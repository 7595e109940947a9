namespace MultiLabelContrastive.Training;

/// <summary>
/// The learning-rate schedule of every stage: linear warm-up, then half a cosine down to a final fraction.
/// For step s (0-based) of S steps with W warm-up steps: lr(s) = lr₀ · (s + 1) / W while s &lt; W, else
/// lr(s) = lr₀ · (f + (1 − f) · ½ (1 + cos(π (s − W) / (S − W)))): the rate would reach f · lr₀ one step after the last
/// (as PyTorch's CosineAnnealingLR at T_max).
/// </summary>
public static class CosineSchedule
{
    /// <summary>Warm-up steps W = min(⌈fraction · S⌉, S − 1) (0 when the fraction is 0 or S ≤ 1).</summary>
    /// <param name="totalSteps">S. Range: ≥ 0.</param>
    /// <param name="warmupFraction">Fraction of the steps. Range: [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static long WarmupSteps(long totalSteps, double warmupFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        if (!(warmupFraction is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "Must lie in [0, 1).");
        return Math.Min((long)Math.Ceiling(warmupFraction * totalSteps), Math.Max(0, totalSteps - 1));
    }

    /// <summary>The learning rate of a step.</summary>
    /// <param name="step">s, 0-based. Range: [0, S).</param>
    /// <param name="totalSteps">S. Range: ≥ 1.</param>
    /// <param name="warmupSteps">W. Range: [0, S).</param>
    /// <param name="baseRate">lr₀. Range: &gt; 0.</param>
    /// <param name="finalFraction">f. Range: [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double LearningRate(long step, long totalSteps, long warmupSteps, double baseRate, double finalFraction = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1L);
        if (step < 0 || step >= totalSteps) throw new ArgumentOutOfRangeException(nameof(step), step, $"Must lie in [0, {totalSteps}).");
        if (warmupSteps < 0 || warmupSteps >= Math.Max(1, totalSteps)) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"Must lie in [0, {totalSteps}).");
        if (!(baseRate > 0)) throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "Must be > 0.");
        if (!(finalFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(finalFraction), finalFraction, "Must lie in [0, 1].");
        if (step < warmupSteps) return baseRate * (step + 1) / warmupSteps;
        var progress = (double)(step - warmupSteps) / (totalSteps - warmupSteps);
        return baseRate * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}

namespace MultiLabelContrastive.Losses;

/// <summary>
/// MulSupCon (Zhang &amp; Wu, AAAI 2024, Eq. 7; MATH.md, Losses).
/// <list type="bullet">
/// <item>Units: one anchor row (i, l) per label l ∈ S_i.</item>
/// <item>Positives of row (i, l): P_l = { j ≠ i : l ∈ T_j }, |P_l| = n_l − 1 (n_l = rows carrying l).</item>
/// <item>Weights: 1/|P_l| on P_l; the rows collapse into one matrix W_ij = Σ_{l ∈ S_i ∩ T_j} 1/|P_l| =
/// (Y ⊘ N) Yᵀ — <c>WeightedIntersection</c>, no row expansion. Batch loss: the mean over rows with ≥ 1 positive.</item>
/// <item>With <c>perSampleWeight</c> (the reference code's <c>with_weight</c>): row weights 1/(|S_i| · M), summed,
/// not renormalised.</item>
/// </list>
/// </summary>
/// <param name="perSampleWeight">Use the per-sample weighting instead of the plain mean over rows.</param>
public sealed class MulSupConWeights(bool perSampleWeight = false) : IPositiveWeights
{
    /// <summary>Whether the per-sample weighting is used.</summary>
    public bool PerSampleWeight { get; } = perSampleWeight;

    /// <inheritdoc />
    public string Name => PerSampleWeight ? "MulSupConPerSampleWeight" : "MulSupCon";

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs, LossReducer reduce) => reduce.LabelRowMean(pairs, PerSampleWeight);
}

namespace MultiLabelContrastive.Losses;

/// <summary>
/// SupCon's ANY rule (MATH.md, Losses).
/// <list type="bullet">
/// <item>Positives: P(i) = { j ≠ i : S_i ∩ T_j ≠ ∅ } — <c>Overlap</c>.</item>
/// <item>Weights: W_ij = 1/|P(i)| on P(i), so the per-anchor loss is −1/|P| Σ_p ℓ_ip.</item>
/// </list>
/// </summary>
public sealed class AnyWeights : IPositiveWeights
{
    /// <inheritdoc />
    public string Name => "Any";

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs, LossReducer reduce) =>
        reduce.AnchorMean(pairs, positives: pairs.Labels.Overlap());
}

namespace MultiLabelContrastive.Losses;

/// <summary>
/// SupCon's ALL rule (MATH.md, Losses).
/// <list type="bullet">
/// <item>Positives: P(i) = { j ≠ i : T_j = S_i ≠ ∅ } — <c>Equal</c>.</item>
/// <item>Weights: W_ij = 1/|P(i)| on P(i), so the per-anchor loss is −1/|P| Σ_p ℓ_ip.</item>
/// </list>
/// </summary>
public sealed class AllWeights : IPositiveWeights
{
    /// <inheritdoc />
    public string Name => "All";

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs, LossReducer reduce) =>
        reduce.AnchorMean(pairs, positives: pairs.Labels.Equal());
}

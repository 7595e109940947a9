using MultiLabelContrastive.Relations;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// The Similarity-Dissimilarity loss, Weighted form: K multiplies each positive's ℓ (Huang et al.; MATH.md, Losses).
/// <list type="bullet">
/// <item>Positives: as ANY, P(i) = { j ≠ i : S_i ∩ T_j ≠ ∅ } — <c>Overlap</c>.</item>
/// <item>Weights: W = Overlap ⊙ K / |P|, K = |S ∩ T| / |S| · 1/(1 + |T \ S|) — <c>K</c>; per-anchor loss
/// −1/|P| Σ_p K_ip ℓ_ip.</item>
/// </list>
/// K is 0 wherever S ∩ T = ∅, so K alone is the masked weight.
/// </summary>
/// <param name="factor">The paper's K (default) or the Jaccard option.</param>
public sealed class SdWeightedWeights(SdFactor factor = SdFactor.Paper) : IPositiveWeights
{
    /// <summary>The factor K.</summary>
    public SdFactor Factor { get; } = factor;

    /// <inheritdoc />
    public string Name => Factor.LossName(SdForm.Weighted);

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs, LossReducer reduce) =>
        reduce.AnchorMean(pairs, positives: pairs.Labels.Overlap(), weights: pairs.Labels.K(Factor));
}

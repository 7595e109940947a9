using MultiLabelContrastive.Relations;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// The Similarity-Dissimilarity loss, WeightedNormalized form: K weights normalised to sum to one per anchor
/// (Huang et al.; MATH.md, Losses).
/// <list type="bullet">
/// <item>Positives: as ANY, P(i) = { j ≠ i : S_i ∩ T_j ≠ ∅ } — <c>Overlap</c>.</item>
/// <item>Weights: W = Overlap ⊙ K / Σ_p K_ip — <c>K</c>; per-anchor loss −1/Σ_p K_ip · Σ_p K_ip ℓ_ip.</item>
/// </list>
/// K is 0 wherever S ∩ T = ∅, so K alone is the masked weight.
/// </summary>
/// <param name="factor">The paper's K (default) or the Jaccard option.</param>
public sealed class SdWeightedNormalizedWeights(SdFactor factor = SdFactor.Paper) : IPositiveWeights
{
    /// <summary>The factor K.</summary>
    public SdFactor Factor { get; } = factor;

    /// <inheritdoc />
    public string Name => Factor.LossName(SdForm.WeightedNormalized);

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs, LossReducer reduce) =>
        reduce.AnchorMean(pairs, positives: pairs.Labels.Overlap(), weights: pairs.Labels.K(Factor), divideByWeightSum: true);
}

using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// The Similarity-Dissimilarity loss, Eq. 13 as printed (Huang et al.; MATH.md, Losses).
/// <list type="bullet">
/// <item>Positives: as ANY, P(i) = { j ≠ i : S_i ∩ T_j ≠ ∅ } — <c>Overlap</c>.</item>
/// <item>Weights: W_ij = 1/|P(i)| on P(i), plus the label-only term −1/|P| Σ_p log K_ip — <c>K</c>; per-anchor loss
/// −1/|P| Σ_p [log K_ip + ℓ_ip].</item>
/// </list>
/// log K depends on labels only: the gradient equals ANY's exactly and the value shifts by a label-only constant.
/// </summary>
/// <param name="factor">The paper's K (default) or the Jaccard option.</param>
public sealed class SdLiteralWeights(SdFactor factor = SdFactor.Paper) : IPositiveWeights
{
    /// <summary>The factor K.</summary>
    public SdFactor Factor { get; } = factor;

    /// <inheritdoc />
    public string Name => Factor.LossName(SdForm.Literal);

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs, LossReducer reduce) =>
        reduce.AnchorMean(pairs, positives: pairs.Labels.Overlap(), logProbOffset: LogK_(pairs.Labels.K(Factor)));

    /// <summary>log K, in place. On a positive K ≥ 1/(C·(C + 1)), far above the clamp; elsewhere the clamp only keeps
    /// the log finite before the weight 0 removes it (cheaper than xlogy or a masked fill: log of exact zeros is slow).</summary>
    private static Tensor LogK_(Tensor k) => k.clamp_min_(1e-30).log_();
}

using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// The Similarity-Dissimilarity loss (Huang et al., Eq. 13–15): ANY's positives, each re-weighted by
/// K = |S ∩ T| / |S| · 1 / (1 + |T \ S|) (or the Jaccard option), in one of three <see cref="SdForm"/>s.
/// </summary>
/// <param name="form">Literal (Eq. 13 as printed), Weighted or WeightedNormalized.</param>
/// <param name="factor">The paper's K (default) or the Jaccard option.</param>
public sealed class SimilarityDissimilarityWeights(SdForm form, SdFactor factor = SdFactor.Paper) : IPositiveWeights
{
    /// <summary>The form.</summary>
    public SdForm Form { get; } = form;

    /// <summary>The factor.</summary>
    public SdFactor Factor { get; } = factor;

    /// <inheritdoc />
    public string Name => (Factor == SdFactor.Jaccard ? "SdJaccard" : "Sd") + Form;

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs)
    {
        var positives = pairs.ExceptSelf(pairs.Labels.Overlap());
        var dtype = pairs.DType;
        var k = pairs.Labels.FactorOrZero(Factor); // K = 0 wherever S ∩ T = ∅: as a weight only the self pairs need zeroing
        var counts = AnchorMean.PositiveCounts(positives, dtype);
        return Form switch
        {
            SdForm.Literal => Literal(positives.to_type(dtype), k, counts),
            SdForm.Weighted => AnchorMean.Normalise(counts, pairs.ExceptSelf(k), counts),
            SdForm.WeightedNormalized => WeightedNormalized(pairs.ExceptSelf(k), counts),
            _ => throw new ArgumentOutOfRangeException(nameof(Form), Form, "Unknown SD form."),
        };
    }

    /// <summary>
    /// Eq. 13 as printed: ANY's uniform weights 1/|P(i)| on ℓ, plus the label-only term −(1/|P(i)|) Σ_p log K_ip.
    /// </summary>
    /// <remarks>
    /// On a positive K ≥ 1/(|S|·(1 + |T|)) ≥ 1/(C·(C + 1)), far above the clamp; off the positives (self pairs
    /// included, where K may be 1) the clamp only keeps the log finite before the 0 of <paramref name="positive"/>
    /// removes it (2.5× faster than xlogy or a masked fill on this machine: log of exact zeros takes a slow path).
    /// </remarks>
    private static PositiveWeights Literal(Tensor positive, Tensor k, Tensor counts)
    {
        var logK = k.clamp_min_(1e-30).log_(); // k is the builder's temporary, not needed after this
        var meanLogK = logK.mul_(positive).sum(1) / counts.clamp_min(1);
        return AnchorMean.Normalise(counts, positive, counts, labelOnlyTerm: -meanLogK);
    }

    /// <summary>K normalised per anchor: weights K_ip / Σ_p K_ip (<see cref="SdForm.WeightedNormalized"/>).</summary>
    private static PositiveWeights WeightedNormalized(Tensor k, Tensor counts) => AnchorMean.Normalise(counts, k, k.sum(1));
}

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
        var k = pairs.ExceptSelf(pairs.Labels.FactorOrZero(Factor)); // K = 0 wherever S ∩ T = ∅: only the self pairs need zeroing
        var counts = AnchorMean.PositiveCounts(positives, dtype);
        return Form switch
        {
            SdForm.Literal => AnchorMean.Normalise(positives, positives.to_type(dtype), counts,
                labelOnlyTerm: -k.masked_fill(positives.logical_not(), 1.0).log_().sum(1) / counts.clamp_min(1)),
            SdForm.Weighted => AnchorMean.Normalise(positives, k, counts),
            SdForm.WeightedNormalized => AnchorMean.Normalise(positives, k, k.sum(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(Form), Form, "Unknown SD form."),
        };
    }
}

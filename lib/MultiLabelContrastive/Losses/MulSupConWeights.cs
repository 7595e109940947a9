using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// MulSupCon (Zhang &amp; Wu, AAAI 2024): one anchor row per label l ∈ S, positives P_l = {j ≠ i : l ∈ T_j},
/// row loss −1/|P_l| Σ_{p ∈ P_l} ℓ_ip, batch loss the mean over rows with ≥ 1 positive (Eq. 7).
/// </summary>
/// <remarks>
/// No row expansion: all (i, l) rows collapse into one Ma×Mr weight matrix W = (Y_a ⊘ N) · Y_rᵀ on ℓ, where
/// N_il = |P_l| for anchor i is the column count of label l in the reference set minus the anchor's own row.
/// With <c>perSampleWeight</c>, each row is weighted 1 / (|S_i| · Ma) and the sum is not renormalised: the
/// reference code's <c>with_weight</c> option.
/// </remarks>
/// <param name="perSampleWeight">Use the per-sample weighting instead of the plain mean over rows.</param>
public sealed class MulSupConWeights(bool perSampleWeight = false) : IPositiveWeights
{
    /// <summary>Whether the per-sample weighting is used.</summary>
    public bool PerSampleWeight { get; } = perSampleWeight;

    /// <inheritdoc />
    public string Name => PerSampleWeight ? "MulSupConPerSampleWeight" : "MulSupCon";

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs)
    {
        var ya = pairs.AnchorLabels;
        var positivesPerRow = pairs.ReferenceLabels.sum(dim: 0).unsqueeze(0) - pairs.SelfLabels; // N_il = |P_l| of anchor i
        var rowCounts = ya * positivesPerRow;                       // |P_l| on the anchor's own labels, else 0
        var rowIsCounted = rowCounts.gt(0);
        long rows = rowIsCounted.sum().item<long>();
        var inverse = where(rowIsCounted, rowCounts.reciprocal(), zeros_like(rowCounts));
        if (PerSampleWeight)
            inverse /= (pairs.Labels.AnchorSizes.clamp_min(1) * pairs.AnchorCount).unsqueeze(1);
        var weights = LabelProducts.TimesTransposed(inverse, pairs.ReferenceLabels) * pairs.NotSelf().to_type(ya.dtype);
        return new PositiveWeights(weights, null, rows, PerSampleWeight ? 1.0 : Math.Max(rows, 1));
    }
}

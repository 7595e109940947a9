using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// MulSupCon (Zhang &amp; Wu, AAAI 2024): one anchor row per label l ∈ S, positives P_l = {j ≠ i : l ∈ T_j},
/// row loss −1/|P_l| Σ_{p ∈ P_l} ℓ_ip, batch loss the mean over rows with ≥ 1 positive (Eq. 7).
/// </summary>
/// <remarks>
/// No row expansion: all (i, l) rows collapse into one Ma×Mr weight matrix W = (Y_a ⊘ N) · Y_rᵀ on ℓ, where
/// N_il = |P_l| = n_l − 1: the number of reference rows carrying label l, less the anchor's own row. On wide,
/// sparse labels the product runs on the lists of 1-entries. With <c>perSampleWeight</c>, each row is weighted
/// 1 / (|S_i| · Ma) and the sum is not renormalised: the reference code's <c>with_weight</c> option.
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
        var labels = pairs.Labels;
        var dtype = pairs.DType;
        var positivesPerRow = labels.Samples.ColumnSums(dtype) - 1;       // N_l = |P_l| for an anchor carrying l
        var rowIsCounted = positivesPerRow.gt(0);
        var inverse = where(rowIsCounted, positivesPerRow.reciprocal(), zeros_like(positivesPerRow));
        long rows = (labels.Anchors.ColumnSums(dtype) * rowIsCounted).sum().to_type(ScalarType.Int64).item<long>(); // (i, l) rows with a positive
        var rowWeights = PerSampleWeight ? (labels.AnchorSizes.clamp_min(1) * pairs.AnchorCount).reciprocal() : null;
        var weights = pairs.ExceptSelf(labels.Anchors.TimesTransposed(labels.Samples, dtype, inverse, rowWeights));
        return new PositiveWeights(weights, null, rows, PerSampleWeight ? 1.0 : Math.Max(rows, 1));
    }
}

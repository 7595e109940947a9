using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// Turns a loss's positives into the batch's <see cref="PositiveWeights"/>: the one place that excludes self pairs,
/// divides each unit's weights by the unit's total and the batch sum by the number of units (pytorch-metric-learning's
/// reducers). A unit is an anchor (SupCon) or one of MulSupCon's (anchor, label) rows. Batch loss
/// = (−Σ_ij W_ij ℓ_ij + Σ_i LabelOnlyTerm_i) / Normalizer.
/// </summary>
/// <remarks>Tensors handed in are temporaries of the loss: they are overwritten in place.</remarks>
public sealed class LossReducer
{
    private LossReducer(bool overEveryUnit) => OverEveryUnit = overEveryUnit;

    /// <summary>MATH.md's mean: over the units with at least one positive; the others contribute nothing (the default).</summary>
    public static LossReducer MeanOverCounted { get; } = new(false);

    /// <summary>SupContrast's mean over every unit: a unit without a positive counts as 0 in the mean.</summary>
    public static LossReducer MeanOverAll { get; } = new(true);

    /// <summary>Whether units without a positive are in the divisor.</summary>
    public bool OverEveryUnit { get; }

    /// <summary>
    /// Anchor mean: W_ij = w_ij / d_i on j ∈ P(i) \ {i} with d_i = |P(i)| (or Σ_p w_ip), LabelOnlyTerm_i = −Σ_j W_ij c_ij;
    /// units = anchors.
    /// </summary>
    /// <param name="pairs">The batch.</param>
    /// <param name="positives">Ma×Mr boolean P (overwritten: self pairs cleared).</param>
    /// <param name="weights">w, zero wherever <paramref name="positives"/> is false (overwritten); null: w = 1 on P.</param>
    /// <param name="divideByWeightSum">d_i = Σ_p w_ip instead of |P(i)|.</param>
    /// <param name="logProbOffset">c: a label-only term added to each ℓ_ij under the same weight (overwritten), or null.</param>
    public PositiveWeights AnchorMean(PairContext pairs, Tensor positives, Tensor? weights = null, bool divideByWeightSum = false, Tensor? logProbOffset = null)
    {
        var counts = pairs.ExceptSelf_(positives).sum(1, type: pairs.DType);                     // |P(i)|
        var w = weights is null ? positives.to_type(pairs.DType) : pairs.ExceptSelf_(weights);
        var divisor = divideByWeightSum ? w.sum(1) : counts;
        w.div_(where(divisor.gt(0), divisor, ones_like(divisor)).unsqueeze(1));                  // rows without positives stay 0
        var labelOnlyTerm = logProbOffset?.mul_(w).sum(1).neg_();
        long counted = counts.gt(0).sum().item<long>();
        return new PositiveWeights(w, labelOnlyTerm, counted, Math.Max(OverEveryUnit ? pairs.AnchorCount : counted, 1));
    }

    /// <summary>
    /// MulSupCon's (anchor, label) rows: row (i, l), l ∈ S_i, has positives P_l = {j ≠ i : l ∈ T_j}, |P_l| = n_l − 1, each
    /// weighted 1/|P_l|; the rows collapse into W_ij = r_i Σ_{l ∈ S_i ∩ T_j} 1/|P_l| (j ≠ i). Units = rows; with
    /// <paramref name="perSampleWeight"/> r_i = 1/(|S_i| · Ma) and Normalizer 1 (the reference code's <c>with_weight</c>),
    /// else r_i = 1.
    /// </summary>
    public PositiveWeights LabelRowMean(PairContext pairs, bool perSampleWeight = false)
    {
        var labels = pairs.Labels;
        var positivesPerRow = labels.SampleLabelCounts() - 1;                // |P_l| = n_l − 1: the anchor's own row carries l
        var rowIsCounted = positivesPerRow.gt(0);
        var inverse = where(rowIsCounted, positivesPerRow.reciprocal(), zeros_like(positivesPerRow));
        var anchorsPerLabel = labels.AnchorLabelCounts();
        long counted = (anchorsPerLabel * rowIsCounted).sum().to_type(ScalarType.Int64).item<long>();
        var rowWeights = perSampleWeight ? (labels.AnchorSizes.clamp_min(1) * pairs.AnchorCount).reciprocal() : null;
        var w = pairs.ExceptSelf_(labels.WeightedIntersection(inverse, rowWeights));
        long units = OverEveryUnit ? anchorsPerLabel.sum().to_type(ScalarType.Int64).item<long>() : counted;
        return new PositiveWeights(w, null, counted, perSampleWeight ? 1.0 : Math.Max(units, 1));
    }
}

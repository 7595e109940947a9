using MultiLabelContrastive.Internal;
using MultiLabelContrastive.LabelAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Relations;

/// <summary>
/// Classifies (anchor, sample) label-set pairs into the five relations R1–R5 (or Undefined), for one pair of
/// sets or, vectorised, for whole batches of multi-hot label rows.
/// </summary>
/// <remarks>
/// Precedence (docs/MATH.md): Undefined if S = ∅; R1 if S ∩ T = ∅; R2 if S = T; R4 if T ⊂ S; R5 if S ⊂ T; R3 otherwise.
/// Every pair gets exactly one relation, and R4(i, j) ⇔ R5(j, i).
/// </remarks>
public static class RelationClassifier
{
    /// <summary>Classifies one pair of label sets.</summary>
    /// <param name="anchorLabels">S: the anchor's label indices (non-negative; duplicates are ignored).</param>
    /// <param name="sampleLabels">T: the sample's label indices (non-negative; duplicates are ignored).</param>
    /// <exception cref="ArgumentNullException">A set is null.</exception>
    /// <exception cref="ArgumentException">A set holds a negative label index.</exception>
    public static Relation Classify(IEnumerable<int> anchorLabels, IEnumerable<int> sampleLabels)
    {
        var s = LabelSets.ToSet(anchorLabels, nameof(anchorLabels));
        var t = LabelSets.ToSet(sampleLabels, nameof(sampleLabels));
        return Classify(s.Count, t.Count, s.Count(t.Contains));
    }

    /// <summary>
    /// Classifies a pair from its three counts |S|, |T| and |S ∩ T| — the whole label algebra the relations need.
    /// </summary>
    public static Relation Classify(long anchorSize, long sampleSize, long intersection)
    {
        if (anchorSize < 0 || sampleSize < 0 || intersection < 0 || intersection > Math.Min(anchorSize, sampleSize))
            throw new ArgumentException(
                $"Inconsistent counts |S| = {anchorSize}, |T| = {sampleSize}, |S ∩ T| = {intersection}.", nameof(intersection));
        if (anchorSize == 0) return Relation.Undefined;
        if (intersection == 0) return Relation.R1;
        if (intersection == anchorSize && intersection == sampleSize) return Relation.R2;
        if (intersection == sampleSize) return Relation.R4;
        if (intersection == anchorSize) return Relation.R5;
        return Relation.R3;
    }

    /// <summary>
    /// The M×M relation matrix of a batch: entry (i, j) is the <see cref="Relation"/> code (as int64) of anchor i's
    /// label set S = row i against sample j's label set T = row j. Computed with one matrix product, no pair loops.
    /// </summary>
    /// <param name="labels">M×C multi-hot labels (0/1, any numeric or bool dtype).</param>
    public static Tensor Matrix(Tensor labels) => Matrix(labels, labels);

    /// <summary>
    /// The Ma×Mr relation matrix between anchor rows and sample rows (for example a batch against a queue).
    /// </summary>
    /// <param name="anchorLabels">Ma×C multi-hot labels of the anchors (S per row).</param>
    /// <param name="sampleLabels">Mr×C multi-hot labels of the samples (T per row).</param>
    /// <returns>An Ma×Mr int64 tensor of <see cref="Relation"/> codes on the labels' device.</returns>
    public static Tensor Matrix(Tensor anchorLabels, Tensor sampleLabels)
    {
        using var scope = NewDisposeScope();
        var algebra = PairCounts.Compute(anchorLabels, sampleLabels, float64);
        return RelationCodes(algebra).MoveToOuterDisposeScope();
    }

    internal static Tensor RelationCodes(PairCounts a)
    {
        var s = a.AnchorSizes.unsqueeze(1);
        var t = a.SampleSizes.unsqueeze(0);
        var i = a.Intersection;
        Tensor Code(Relation r) => tensor((long)r, int64, i.device);

        // Applied from the lowest precedence up, so the highest precedence is written last.
        var codes = full(i.shape, (long)Relation.R3, int64, i.device);
        codes = where(i.eq(s), Code(Relation.R5), codes);
        codes = where(i.eq(t), Code(Relation.R4), codes);
        codes = where(i.eq(s).logical_and(i.eq(t)), Code(Relation.R2), codes);
        codes = where(i.eq(0), Code(Relation.R1), codes);
        codes = where(s.eq(0).expand_as(i), Code(Relation.Undefined), codes);
        return codes;
    }
}

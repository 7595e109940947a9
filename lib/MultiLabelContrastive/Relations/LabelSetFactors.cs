using MultiLabelContrastive.Internal;
using MultiLabelContrastive.LabelAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Relations;

/// <summary>
/// The similarity factor Ks = |S ∩ T| / |S|, the dissimilarity factor Kd = 1 / (1 + |T \ S|) and their product
/// K = Ks · Kd (journal Eq. 14, 15), for one pair of label sets or for all pairs of a batch.
/// </summary>
/// <remarks>
/// Fig. 1 of the paper, S = {a, b, c}: R1..R5 samples give K = 0, 1, 1/9, 2/3, 1/3. The factors are defined
/// only for S ≠ ∅; for S = ∅ the pair functions return null and the matrix functions NaN in that row.
/// </remarks>
public static class LabelSetFactors
{
    /// <summary>Relation and factors of one (anchor, sample) pair.</summary>
    /// <param name="anchorLabels">S: the anchor's label indices.</param>
    /// <param name="sampleLabels">T: the sample's label indices.</param>
    public static LabelPairFactors Compute(IEnumerable<int> anchorLabels, IEnumerable<int> sampleLabels)
    {
        var s = LabelSets.ToSet(anchorLabels, nameof(anchorLabels));
        var t = LabelSets.ToSet(sampleLabels, nameof(sampleLabels));
        int both = s.Count(t.Contains);
        var relation = RelationClassifier.Classify(s.Count, t.Count, both);
        if (relation == Relation.Undefined) return new LabelPairFactors(relation, null, null, null, null);
        double ks = (double)both / s.Count;
        double kd = 1.0 / (1 + t.Count - both);
        // K as one exact fraction rounded once, as PairCounts.K: both / (|S| (1 + |T \ S|)).
        double k = (double)both / ((long)s.Count * (1 + t.Count - both));
        double jaccard = (double)both / (s.Count + t.Count - both);
        return new LabelPairFactors(relation, ks, kd, k, jaccard);
    }

    /// <summary>Ma×Mr matrix of Ks = |S ∩ T| / |S| (NaN in rows where S = ∅), float64.</summary>
    /// <param name="anchorLabels">Ma×C multi-hot anchor labels.</param>
    /// <param name="sampleLabels">Mr×C multi-hot sample labels.</param>
    public static Tensor SimilarityMatrix(Tensor anchorLabels, Tensor sampleLabels) =>
        FactorMatrix(anchorLabels, sampleLabels, a => a.Similarity());

    /// <summary>Ma×Mr matrix of Kd = 1 / (1 + |T \ S|) (NaN in rows where S = ∅), float64.</summary>
    /// <param name="anchorLabels">Ma×C multi-hot anchor labels.</param>
    /// <param name="sampleLabels">Mr×C multi-hot sample labels.</param>
    public static Tensor DissimilarityMatrix(Tensor anchorLabels, Tensor sampleLabels) =>
        FactorMatrix(anchorLabels, sampleLabels, a => a.Dissimilarity());

    /// <summary>Ma×Mr matrix of K (the paper's Ks·Kd, or Jaccard), NaN in rows where S = ∅, float64.</summary>
    /// <param name="anchorLabels">Ma×C multi-hot anchor labels.</param>
    /// <param name="sampleLabels">Mr×C multi-hot sample labels.</param>
    /// <param name="factor">Which factor; the paper's by default.</param>
    public static Tensor KMatrix(Tensor anchorLabels, Tensor sampleLabels, SdFactor factor = SdFactor.Paper) =>
        FactorMatrix(anchorLabels, sampleLabels, a => a.K(factor));

    private static Tensor FactorMatrix(Tensor anchorLabels, Tensor sampleLabels, Func<PairCounts, Tensor> factor)
    {
        using var scope = NewDisposeScope();
        var algebra = PairCounts.Compute(anchorLabels, sampleLabels, float64);
        var value = factor(algebra).expand(algebra.Intersection.shape);
        return where(algebra.AnchorSizes.eq(0).unsqueeze(1), tensor(double.NaN, float64, value.device), value).MoveToOuterDisposeScope();
    }
}

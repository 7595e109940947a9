using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>The label algebra of one batch plus where the self pairs are: all a weight builder may look at.</summary>
/// <param name="Labels">Counts |S ∩ T|, |S|, |T| for every (anchor, reference) pair.</param>
/// <param name="AnchorLabels">Ma×C anchor labels in the embeddings' floating dtype.</param>
/// <param name="ReferenceLabels">Mr×C reference labels in the embeddings' floating dtype.</param>
/// <param name="SelfMask">Ma×Mr boolean, true where the reference row is the anchor itself.</param>
/// <param name="SelfLabels">Ma×C labels of each anchor's own reference row (zero where the anchor has none there).</param>
public sealed record PairContext(LabelAlgebra Labels, Tensor AnchorLabels, Tensor ReferenceLabels, Tensor SelfMask, Tensor SelfLabels)
{
    /// <summary>Ma×Mr boolean: the pair is not a self pair.</summary>
    public Tensor NotSelf() => SelfMask.logical_not();

    /// <summary>Number of anchors, Ma.</summary>
    public long AnchorCount => AnchorLabels.shape[0];
}

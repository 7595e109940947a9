using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// The label algebra of one batch plus where the self pairs are: all a weight builder may look at. The reference
/// set starts with the anchors themselves (reference row i is anchor i), followed by any queue rows.
/// </summary>
/// <param name="Labels">Counts |S ∩ T|, |S|, |T| for every (anchor, reference) pair.</param>
/// <param name="SelfMask">Ma×Mr boolean, true where the reference row is the anchor itself (the leading diagonal).</param>
/// <param name="DType">The embeddings' floating dtype, in which the weights are built.</param>
public sealed record PairContext(LabelAlgebra Labels, Tensor SelfMask, ScalarType DType)
{
    /// <summary>Ma×Mr boolean: the pair is not a self pair.</summary>
    public Tensor NotSelf() => SelfMask.logical_not();

    /// <summary>
    /// <paramref name="pairMatrix"/> (an Ma×Mr temporary of the caller, boolean or floating) with its self pairs set
    /// to false / 0, in place.
    /// </summary>
    public Tensor ExceptSelf(Tensor pairMatrix) => pairMatrix.masked_fill_(SelfMask, 0);

    /// <summary>Number of anchors, Ma.</summary>
    public long AnchorCount => SelfMask.shape[0];
}

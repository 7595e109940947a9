using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// The label algebra of one batch plus where the self pairs are: all a weight builder may look at. The reference
/// set starts with the anchors themselves (reference row i is anchor i), followed by any queue rows, so the self
/// pairs are the leading diagonal of every Ma×Mr pair matrix.
/// </summary>
/// <param name="Labels">Counts |S ∩ T|, |S|, |T| for every (anchor, reference) pair.</param>
/// <param name="DType">The embeddings' floating dtype, in which the weights are built.</param>
public sealed record PairContext(LabelAlgebra Labels, ScalarType DType)
{
    /// <summary>Number of anchors, Ma.</summary>
    public long AnchorCount => Labels.AnchorSizes.shape[0];

    /// <summary>
    /// <paramref name="pairMatrix"/> (an Ma×Mr temporary of the caller, boolean or floating) with its self pairs set
    /// to false / 0, in place: only its leading diagonal is written.
    /// </summary>
    public Tensor ExceptSelf(Tensor pairMatrix)
    {
        using var diagonal = pairMatrix.diagonal();
        diagonal.fill_(0);
        return pairMatrix;
    }
}

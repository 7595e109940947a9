using MultiLabelContrastive.LabelAlgebra;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// What a loss's weights may look at: the label counts of the batch's anchors against the reference rows. The
/// reference rows are the anchors themselves (reference row i is anchor i) followed by any queue rows, so the self
/// pairs are the leading diagonal of every Ma×Mr pair matrix. Only <see cref="ContrastiveLoss"/> builds one, and only
/// in that layout: there is no public constructor.
/// </summary>
public sealed class PairContext
{
    private PairContext(PairCounts labels, ScalarType dtype)
    {
        Labels = labels;
        DType = dtype;
    }

    /// <summary>|S ∩ T|, |S|, |T| and the pair matrices built from them, for every (anchor, reference) pair.</summary>
    public PairCounts Labels { get; }

    /// <summary>The embeddings' floating dtype, in which the weights are built.</summary>
    public ScalarType DType { get; }

    /// <summary>Ma, the number of anchors.</summary>
    public long AnchorCount => Labels.AnchorSizes.shape[0];

    /// <summary>The batch against itself: anchors = reference = the M rows of <paramref name="labels"/> (0/1, checked).</summary>
    internal static PairContext InBatch(Tensor labels, ScalarType dtype, string paramName)
    {
        var y = LabelMatrix.Of(labels, dtype, paramName);
        return new PairContext(PairCounts.Of(y, y, dtype), dtype);
    }

    /// <summary>The batch's rows against the batch followed by the queue (0/1, checked).</summary>
    internal static PairContext WithQueue(Tensor labels, string labelsName, Tensor queueLabels, string queueName, ScalarType dtype)
    {
        var y = LabelMatrix.Of(labels, dtype, labelsName);
        var queueY = LabelMatrix.Of(queueLabels, dtype, queueName);
        return new PairContext(PairCounts.Of(y, LabelMatrix.Concat(y, queueY, dtype), dtype), dtype);
    }

    /// <summary>Sets the self pairs of <paramref name="pairMatrix"/> (an Ma×Mr temporary) to 0 / false, in place:
    /// only its leading diagonal is written.</summary>
    internal Tensor ExceptSelf_(Tensor pairMatrix)
    {
        using var diagonal = pairMatrix.diagonal();
        diagonal.fill_(0);
        return pairMatrix;
    }
}

using MultiLabelContrastive.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Relations;

/// <summary>
/// The three counts every relation, factor and loss weight is built from, for all (anchor, sample) pairs at once:
/// |S ∩ T| = Ya·Yrᵀ (one matrix product), |S| (anchor row sums) and |T| (sample row sums).
/// </summary>
/// <remarks>
/// Everything else is elementwise algebra on these: |T \ S| = |T| − |S ∩ T|, |S ∪ T| = |S| + |T| − |S ∩ T|,
/// S = T ⇔ |S ∩ T| = |S| = |T|. Counts are exact in float32 up to 2^24 labels per row. For wide, sparse labels
/// the product runs on the lists of 1-entries (see <see cref="LabelProducts"/>).
/// The tensors belong to the caller's dispose scope.
/// </remarks>
public sealed class LabelAlgebra
{
    private LabelAlgebra(LabelMatrix anchors, LabelMatrix samples, ScalarType dtype)
    {
        Anchors = anchors;
        Samples = samples;
        _dtype = dtype;
        AnchorSizes = anchors.RowSums(dtype);
        SampleSizes = ReferenceEquals(anchors, samples) ? AnchorSizes : samples.RowSums(dtype);
    }

    private readonly ScalarType _dtype;
    private Tensor? _intersection;

    /// <summary>
    /// Ma×Mr matrix of |S_i ∩ T_j|, computed on first use (MulSupCon's weights do not need it) and owned by the
    /// dispose scope of the other counts, wherever it is first read.
    /// </summary>
    public Tensor Intersection
    {
        get
        {
            if (_intersection is null)
            {
                using var scope = NewDisposeScope(); // the product's temporaries end here; the result joins the counts' scope
                _intersection = Anchors.TimesTransposed(Samples, _dtype).MoveToOtherDisposeScope(AnchorSizes);
            }
            return _intersection;
        }
    }

    /// <summary>Vector of |S_i| (length Ma).</summary>
    public Tensor AnchorSizes { get; }

    /// <summary>Vector of |T_j| (length Mr).</summary>
    public Tensor SampleSizes { get; }

    /// <summary>Computes the counts for anchor rows against sample rows.</summary>
    /// <param name="anchorLabels">Ma×C multi-hot labels (0/1).</param>
    /// <param name="sampleLabels">Mr×C multi-hot labels (0/1), same C.</param>
    /// <param name="dtype">Floating dtype of the counts (that of the embeddings they will weight).</param>
    /// <exception cref="ArgumentException">Not 2-D, not binary, different label counts or devices.</exception>
    public static LabelAlgebra Compute(Tensor anchorLabels, Tensor sampleLabels, ScalarType dtype)
    {
        TensorArgs.Matrix(anchorLabels, nameof(anchorLabels));
        if (!ReferenceEquals(anchorLabels, sampleLabels))
        {
            TensorArgs.Matrix(sampleLabels, nameof(sampleLabels));
            TensorArgs.SameColumns(anchorLabels, nameof(anchorLabels), sampleLabels, nameof(sampleLabels));
            TensorArgs.SameDevice(anchorLabels, nameof(anchorLabels), sampleLabels, nameof(sampleLabels));
        }
        var anchors = LabelMatrix.Of(anchorLabels, dtype, nameof(anchorLabels)); // one pass: entries and the 0/1 check
        var samples = ReferenceEquals(anchorLabels, sampleLabels) ? anchors : LabelMatrix.Of(sampleLabels, dtype, nameof(sampleLabels));
        return new LabelAlgebra(anchors, samples, dtype);
    }

    /// <summary>The counts of label matrices already read (and checked) by the caller.</summary>
    internal static LabelAlgebra Compute(LabelMatrix anchors, LabelMatrix samples, ScalarType dtype) => new(anchors, samples, dtype);

    /// <summary>The anchors' labels (S per row), dense or as entry lists.</summary>
    internal LabelMatrix Anchors { get; }

    /// <summary>The samples' labels (T per row), dense or as entry lists.</summary>
    internal LabelMatrix Samples { get; }

    /// <summary>Ma×Mr boolean matrix: S_i = T_j and S_i ≠ ∅.</summary>
    /// <remarks>
    /// S = T ⇔ |S ∩ T| = |S| = |T|: one pass over the intersections and one comparison of the sizes. An empty S is
    /// compared as size −1, which no intersection and no |T| equals.
    /// </remarks>
    public Tensor Equal()
    {
        var anchorSizes = AnchorSizes.masked_fill(AnchorSizes.eq(0), -1).unsqueeze(1);
        return Intersection.eq(anchorSizes).logical_and_(anchorSizes.eq(SampleSizes.unsqueeze(0)));
    }

    /// <summary>Ma×Mr boolean matrix: S_i ∩ T_j ≠ ∅.</summary>
    public Tensor Overlap() => Intersection.gt(0);

    /// <summary>Ks = |S ∩ T| / |S|, with 0 (not NaN) in rows where S = ∅.</summary>
    internal Tensor SimilarityOrZero() => Intersection / AnchorSizes.clamp_min(1).unsqueeze(1);

    /// <summary>Kd = 1 / (1 + |T \ S|).</summary>
    internal Tensor Dissimilarity() => (SampleSizes.unsqueeze(0) - Intersection + 1).reciprocal();

    /// <summary>|S ∩ T| / |S ∪ T|, with 0 where both sets are empty.</summary>
    internal Tensor JaccardOrZero() =>
        Intersection / (AnchorSizes.unsqueeze(1) + SampleSizes.unsqueeze(0) - Intersection).clamp_min(1);

    /// <summary>The chosen factor K (0 in rows where S = ∅).</summary>
    internal Tensor FactorOrZero(SdFactor factor) => factor switch
    {
        // Ks · Kd as one fraction, built in one temporary: |S ∩ T| · 1 / (|S| · (1 + |T| − |S ∩ T|)).
        SdFactor.Paper => ((SampleSizes + 1).unsqueeze(0) - Intersection).mul_(AnchorSizes.clamp_min(1).unsqueeze(1)).reciprocal_().mul_(Intersection),
        SdFactor.Jaccard => JaccardOrZero(),
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "Unknown factor."),
    };

    /// <summary>Boolean Ma×1 column: anchor i has no labels.</summary>
    internal Tensor UndefinedRows() => AnchorSizes.eq(0).unsqueeze(1);
}

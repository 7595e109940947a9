using MultiLabelContrastive.Internal;
using MultiLabelContrastive.Relations;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.LabelAlgebra;

/// <summary>
/// The label algebra of all (anchor, sample) pairs at once, in MATH.md's notation: S = anchor i's label set (row i of
/// Y_a), T = sample j's (row j of Y_r). Everything is built from three counts — |S ∩ T| = (Y_a Y_rᵀ)_ij (one product),
/// |S| and |T| — by elementwise algebra, never by a loop over pairs.
/// </summary>
/// <remarks>
/// Counts are exact in float32 up to 2^24 labels per row. On wide, sparse labels the product runs on the lists of
/// 1-entries (<see cref="LabelMatrix"/>). Every method returns a new Ma×Mr tensor in the counts' dtype that belongs to
/// the caller (a loss may overwrite it); all tensors live in the caller's dispose scope.
/// </remarks>
public sealed class PairCounts
{
    private PairCounts(LabelMatrix anchors, LabelMatrix samples, ScalarType dtype)
    {
        Anchors = anchors;
        Samples = samples;
        _dtype = dtype;
        AnchorSizes = anchors.RowSums(dtype);
        SampleSizes = ReferenceEquals(anchors, samples) ? AnchorSizes : samples.RowSums(dtype);
    }

    private readonly ScalarType _dtype;
    private Tensor? _intersection;

    /// <summary>Counts for Ma×C anchor labels against Mr×C sample labels (0/1 entries, checked), in <paramref name="dtype"/>.</summary>
    /// <exception cref="ArgumentException">Not 2-D, not binary, different label counts or devices.</exception>
    public static PairCounts Compute(Tensor anchorLabels, Tensor sampleLabels, ScalarType dtype)
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
        return new PairCounts(anchors, samples, dtype);
    }

    /// <summary>The counts of label matrices already read (and checked) by the caller.</summary>
    internal static PairCounts Of(LabelMatrix anchors, LabelMatrix samples, ScalarType dtype) => new(anchors, samples, dtype);

    /// <summary>The anchors' labels Y_a (S per row), dense or as entry lists.</summary>
    internal LabelMatrix Anchors { get; }

    /// <summary>The samples' labels Y_r (T per row), dense or as entry lists.</summary>
    internal LabelMatrix Samples { get; }

    /// <summary>|S_i ∩ T_j| = (Y_a Y_rᵀ)_ij, Ma×Mr; computed on first read, then shared (do not modify).</summary>
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

    /// <summary>|S_i| = Σ_l (Y_a)_il, length Ma (shared, do not modify).</summary>
    public Tensor AnchorSizes { get; }

    /// <summary>|T_j| = Σ_l (Y_r)_jl, length Mr (shared, do not modify).</summary>
    public Tensor SampleSizes { get; }

    /// <summary>[S_i = T_j ≠ ∅] ⇔ |S ∩ T| = |S| = |T| &gt; 0, boolean (the S = T pass).</summary>
    /// <remarks>One pass over the intersections and one comparison of the sizes; an empty S is compared as size −1,
    /// which no intersection and no |T| equals.</remarks>
    public Tensor Equal()
    {
        var anchorSizes = AnchorSizes.masked_fill(AnchorSizes.eq(0), -1).unsqueeze(1);
        return Intersection.eq(anchorSizes).logical_and_(anchorSizes.eq(SampleSizes.unsqueeze(0)));
    }

    /// <summary>[S_i ∩ T_j ≠ ∅] ⇔ |S ∩ T| &gt; 0, boolean.</summary>
    public Tensor Overlap() => Intersection.gt(0);

    /// <summary>
    /// K_ij = Ks · Kd = |S ∩ T| / (|S| · (1 + |T| − |S ∩ T|)) (Eq. 14, 15), or Jaccard |S ∩ T| / |S ∪ T|; 0 wherever
    /// S ∩ T = ∅ (so also where S = ∅).
    /// </summary>
    public Tensor K(SdFactor factor = SdFactor.Paper) => factor switch
    {
        // Ks · Kd as one fraction, built in one temporary (the fused K).
        SdFactor.Paper => ((SampleSizes + 1).unsqueeze(0) - Intersection).mul_(AnchorSizes.clamp_min(1).unsqueeze(1)).reciprocal_().mul_(Intersection),
        SdFactor.Jaccard => Intersection / (AnchorSizes.unsqueeze(1) + SampleSizes.unsqueeze(0) - Intersection).clamp_min(1),
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "Unknown factor."),
    };

    /// <summary>Ks_ij = |S ∩ T| / |S|, 0 where S = ∅.</summary>
    public Tensor Similarity() => Intersection / AnchorSizes.clamp_min(1).unsqueeze(1);

    /// <summary>Kd_ij = 1 / (1 + |T| − |S ∩ T|) = 1 / (1 + |T \ S|).</summary>
    public Tensor Dissimilarity() => (SampleSizes.unsqueeze(0) - Intersection + 1).reciprocal();

    /// <summary>n_l = Σ_j (Y_r)_jl: the number of sample rows carrying label l, length C.</summary>
    public Tensor SampleLabelCounts() => Samples.ColumnSums(_dtype);

    /// <summary>Σ_i (Y_a)_il: the number of anchor rows carrying label l, length C.</summary>
    public Tensor AnchorLabelCounts() => Anchors.ColumnSums(_dtype);

    /// <summary>
    /// Σ_{l ∈ S_i ∩ T_j} r_i · w_l = (diag(r) Y_a diag(w) Y_rᵀ)_ij, Ma×Mr: the intersection with a weight per label
    /// (length C) and optionally per anchor row (length Ma; null: 1).
    /// </summary>
    public Tensor WeightedIntersection(Tensor labelWeights, Tensor? rowWeights = null) =>
        Anchors.TimesTransposed(Samples, _dtype, labelWeights, rowWeights);
}

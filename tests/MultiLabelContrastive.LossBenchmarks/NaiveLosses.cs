using MultiLabelContrastive.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>
/// Each loss written the naive way on the same engine (TorchSharp, float32), sharing no code with the library:
/// MulSupCon row-expanded as its reference code does (one anchor row per (sample, label), a log-softmax per row,
/// then a masked mean); ALL, ANY and the SD forms with dense M×M×C label comparisons.
/// </summary>
/// <remarks>
/// The MulSupCon reference (williamzhangsjtu/MulSupCon, <c>utils.py</c>, <c>generate_output_MulSupCon</c>) gathers
/// the score rows of every (sample, label) pair and builds the row masks with a dense one-hot (R×C) · Yᵀ product;
/// here the masks are gathered columns of Y (cheaper), so the naive side is, if anything, favoured. Self pairs
/// are excluded as in the library (the reference keeps them because its candidates come from a queue).
/// </remarks>
public static class NaiveLosses
{
    /// <summary>The naive step for a loss, or null when the loss has no naive variant here.</summary>
    public static Func<Tensor, Tensor, double, Tensor>? For(LossKind kind) => kind switch
    {
        LossKind.All => (x, y, tau) => AnchorMean(LogProb(x, tau), AllPositives(y)),
        LossKind.Any => (x, y, tau) => AnchorMean(LogProb(x, tau), DenseIntersection(y).gt(0).to_type(y.dtype)),
        LossKind.SdLiteral => (x, y, tau) => SdLiteral(LogProb(x, tau), y),
        LossKind.SdWeighted => (x, y, tau) => SdWeighted(LogProb(x, tau), y, normalise: false),
        LossKind.SdWeightedNormalized => (x, y, tau) => SdWeighted(LogProb(x, tau), y, normalise: true),
        LossKind.MulSupCon => (x, y, tau) => MulSupConRowExpanded(x, y, tau, perSampleWeight: false),
        LossKind.MulSupConPerSampleWeight => (x, y, tau) => MulSupConRowExpanded(x, y, tau, perSampleWeight: true),
        _ => null,
    };

    /// <summary>
    /// Rough peak bytes of the naive variant's intermediates: a float32 M×M×C tensor for the dense label
    /// comparisons (bool for ALL); about six float32 R×M tensors (R = Σ|S_i| expanded rows) for MulSupCon.
    /// </summary>
    public static long EstimatedBytes(LossKind kind, long m, long c, long expandedRows) => kind switch
    {
        LossKind.MulSupCon or LossKind.MulSupConPerSampleWeight => 6 * 4 * expandedRows * m,
        LossKind.All => m * m * c,
        _ => 4 * m * m * c,
    };

    /// <summary>ℓ with self pairs excluded from the log-sum-exp and set to 0: log_softmax of masked logits.</summary>
    private static Tensor LogProb(Tensor x, double tau)
    {
        var z = nn.functional.normalize(x, p: 2, dim: 1);
        var self = eye(x.shape[0], dtype: ScalarType.Bool);
        var logits = z.matmul(z.t()) / tau;
        return nn.functional.log_softmax(logits.masked_fill(self, double.NegativeInfinity), 1).masked_fill(self, 0.0);
    }

    /// <summary>|S_i ∩ T_j| from an M×M×C elementwise product.</summary>
    private static Tensor DenseIntersection(Tensor y)
    {
        using var product = y.unsqueeze(1) * y.unsqueeze(0);
        return NotSelf(y) * product.sum(-1);
    }

    /// <summary>|T_j \ S_i| from an M×M×C elementwise product.</summary>
    private static Tensor DenseSampleOnly(Tensor y)
    {
        using var product = (1 - y).unsqueeze(1) * y.unsqueeze(0);
        return product.sum(-1);
    }

    private static Tensor AllPositives(Tensor y)
    {
        using var same = y.unsqueeze(1).eq(y.unsqueeze(0));
        var equal = same.all(-1).to_type(y.dtype);
        return equal * NotSelf(y) * y.sum(1).gt(0).to_type(y.dtype).unsqueeze(1);
    }

    private static Tensor NotSelf(Tensor y) => 1 - eye(y.shape[0], dtype: y.dtype);

    /// <summary>−(1/|P(i)|) Σ_p w_ip ℓ_ip averaged over anchors with |P(i)| &gt; 0 (w = the 0/1 positives).</summary>
    private static Tensor AnchorMean(Tensor logProb, Tensor positives) => MeanOverCounted(
        -(positives * logProb).sum(1), positives.sum(1), positives.gt(0).any(1));

    private static Tensor MeanOverCounted(Tensor rowSums, Tensor rowTotals, Tensor counted)
    {
        var perAnchor = (rowSums / where(counted, rowTotals, ones_like(rowTotals))).masked_select(counted);
        return perAnchor.numel() == 0 ? perAnchor.sum() : perAnchor.mean(); // nothing counted: 0, the library's convention
    }

    private static Tensor PaperK(Tensor y, Tensor intersection)
    {
        var sizes = y.sum(1).clamp_min(1).unsqueeze(1);
        return intersection / sizes / (1 + DenseSampleOnly(y));
    }

    private static Tensor SdWeighted(Tensor logProb, Tensor y, bool normalise)
    {
        var intersection = DenseIntersection(y);
        var positives = intersection.gt(0);
        var k = PaperK(y, intersection);
        var totals = normalise ? k.sum(1) : positives.to_type(y.dtype).sum(1);
        return MeanOverCounted(-(k * logProb).sum(1), totals, positives.any(1));
    }

    private static Tensor SdLiteral(Tensor logProb, Tensor y)
    {
        var intersection = DenseIntersection(y);
        var positives = intersection.gt(0);
        var logK = where(positives, PaperK(y, intersection), ones_like(intersection)).log();
        var p = positives.to_type(y.dtype);
        return MeanOverCounted(-(p * (logK + logProb)).sum(1), p.sum(1), positives.any(1));
    }

    /// <summary>
    /// MulSupCon as its reference code computes it: R = Σ|S_i| anchor rows (sample i, label l), each with its own
    /// log-softmax over the M candidates and the positives {j ≠ i : l ∈ T_j}; the mean over rows with a positive
    /// (or, with the per-sample weight, Σ row loss / (|S_i| · M)).
    /// </summary>
    private static Tensor MulSupConRowExpanded(Tensor x, Tensor y, double tau, bool perSampleWeight)
    {
        long m = x.shape[0];
        var pairs = y.nonzero();                 // R × 2: (sample i, label l)
        var sample = pairs[.., 0];
        var label = pairs[.., 1];
        var z = nn.functional.normalize(x, p: 2, dim: 1);
        var scores = z.matmul(z.t()).index_select(0, sample) / tau;   // R × M: the anchor's row, once per label
        var self = nn.functional.one_hot(sample, m).to_type(ScalarType.Bool);
        var logProb = nn.functional.log_softmax(scores.masked_fill(self, double.NegativeInfinity), 1).masked_fill(self, 0.0);
        var masks = y.t().index_select(0, label).masked_fill(self, 0.0); // R × M: samples carrying label l
        var counts = masks.sum(1);
        var counted = counts.gt(0);
        var rowLoss = -(masks * logProb).sum(1) / where(counted, counts, ones_like(counts));
        if (!perSampleWeight) return MeanOverCounted(rowLoss, ones_like(rowLoss), counted);
        var weight = (y.sum(1).index_select(0, sample) * m).reciprocal();
        return (rowLoss * weight).masked_select(counted).sum();
    }
}

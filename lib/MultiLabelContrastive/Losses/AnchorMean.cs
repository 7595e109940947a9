using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>Helpers shared by the builders whose batch loss is a mean over anchors with ≥ 1 positive.</summary>
internal static class AnchorMean
{
    /// <summary>
    /// Rows of <paramref name="rowWeights"/> divided by <paramref name="rowTotals"/> (rows with a zero total stay
    /// zero), as a mean over the anchors that have at least one positive (<paramref name="positiveCounts"/> &gt; 0).
    /// <paramref name="rowWeights"/> must be a temporary of the builder: it is divided in place.
    /// </summary>
    public static PositiveWeights Normalise(Tensor positiveCounts, Tensor rowWeights, Tensor rowTotals, Tensor? labelOnlyTerm = null)
    {
        var counted = positiveCounts.gt(0).sum().item<long>();
        var safeTotals = where(rowTotals.gt(0), rowTotals, ones_like(rowTotals)).unsqueeze(1);
        return new PositiveWeights(rowWeights.div_(safeTotals), labelOnlyTerm, counted, Math.Max(counted, 1));
    }

    /// <summary>Every positive of an anchor weighted 1/|P(i)|: SupCon's per-anchor mean over its positives.</summary>
    public static PositiveWeights Uniform(Tensor positives, ScalarType dtype)
    {
        var counts = PositiveCounts(positives, dtype);
        return Normalise(counts, positives.to_type(dtype), counts);
    }

    /// <summary>|P(i)|: the number of positives per anchor, in the weights' dtype.</summary>
    public static Tensor PositiveCounts(Tensor positives, ScalarType dtype) => positives.sum(1, type: dtype);
}

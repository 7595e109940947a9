using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// The distinct values of one class of scores (sorted once), their multiplicities and prefix counts, with a fast
/// lower-bound search: an interpolation table over the value range narrows each search to the few values sharing
/// its bucket (bucketing is monotone in the score, so the narrowing is exact), then a binary search finishes.
/// Scores of the other class are streamed against it: O(m log m) to build for m values, about O(1) per query on
/// spread-out scores, O(log m) at worst.
/// </summary>
internal sealed class SortedReference<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MaxBuckets = 1 << 22;

    private readonly int[] start;  // start[b] = first index whose bucket ≥ b; start[buckets] = Count
    private readonly double min, scale;
    private readonly int buckets;

    /// <summary>Sorts the first <paramref name="length"/> entries of <paramref name="values"/> in place and indexes them.</summary>
    public SortedReference(T[] values, int length)
    {
        Array.Sort(values, 0, length);
        int distinct = 0;
        for (int k = 0; k < length; k++)
            if (k == 0 || values[k] != values[k - 1]) distinct++;
        Values = new T[distinct];
        Counts = new long[distinct];
        for (int k = 0, d = -1; k < length; k++)
        {
            if (k == 0 || values[k] != values[k - 1]) Values[++d] = values[k];
            Counts[d]++;
        }
        Below = new long[Values.Length + 1];
        for (int d = 0; d < Values.Length; d++) Below[d + 1] = Below[d] + Counts[d];

        buckets = Math.Clamp(Values.Length, 1, MaxBuckets);
        if (Values.Length > 0)
        {
            min = double.CreateTruncating(Values[0]);
            double range = double.CreateTruncating(Values[^1]) - min;
            scale = buckets / range;
            if (!double.IsFinite(scale)) scale = 0;  // one distinct value, or a range that overflows: one bucket in effect
        }
        start = new int[buckets + 1];
        int next = 0;
        for (int d = 0; d < Values.Length; d++)
            for (int b = Bucket(Values[d]); next <= b; next++) start[next] = d;
        for (; next <= buckets; next++) start[next] = Values.Length;
    }

    /// <summary>Distinct values, ascending.</summary>
    public T[] Values { get; }

    /// <summary>Multiplicity of each distinct value.</summary>
    public long[] Counts { get; }

    /// <summary>Below[d] = number of values smaller than Values[d] (Below[Count] = total).</summary>
    public long[] Below { get; }

    /// <summary>Total number of values (with multiplicity).</summary>
    public long Total => Below[^1];

    /// <summary>The first index d with Values[d] ≥ <paramref name="score"/> (Values.Length when none).</summary>
    public int LowerBound(T score)
    {
        int b = Bucket(score);
        int lo = start[b], hi = start[b + 1];  // values of lower buckets are < score, of higher buckets > score
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Values[mid] < score) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private int Bucket(T score)
    {
        if (scale == 0) return 0;
        double b = (double.CreateTruncating(score) - min) * scale;
        return b <= 0 ? 0 : b >= buckets - 1 ? buckets - 1 : (int)b;
    }
}

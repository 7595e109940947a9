using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// ROC-AUC of the flattened n×C matrix without sorting all n·C cells at once: the cells of the rarer class are
/// sorted once; the other class is sorted in chunks of rows (in parallel), and each sorted chunk is merged into
/// the sorted rarer class with galloping searches. The area is the Mann–Whitney count (a tie counts one half),
/// which equals scikit-learn's trapezoid <c>roc_auc_score</c>, accumulated exactly in integers.
/// Time O(N log N), extra memory O(min(P, N) + chunk) for P positive and N negative cells.
/// </summary>
internal static class MicroRoc
{
    public const int DefaultChunkCells = 1 << 20;

    /// <summary>Micro ROC-AUC over the first <paramref name="rows"/> rows; NaN when every cell is of one class.</summary>
    public static double Compute<T>(T[,] scores, int[,] truth, int rows, int chunkCells = DefaultChunkCells)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int labels = scores.GetLength(1);
        int cells = rows * labels;
        var s = MemoryMarshal.CreateReadOnlySpan(ref scores[0, 0], cells);
        var y = MemoryMarshal.CreateReadOnlySpan(ref truth[0, 0], cells);
        long positives = 0;
        foreach (int v in y) positives += v;
        long negatives = cells - positives;
        if (positives == 0 || negatives == 0) return double.NaN;

        bool rarerIsPositive = positives <= negatives;
        int rarerLabel = rarerIsPositive ? 1 : 0;
        var rarer = new T[Math.Min(positives, negatives)];
        for (int k = 0, r = 0; k < cells; k++)
            if (y[k] == rarerLabel) rarer[r++] = s[k];
        Array.Sort(rarer);

        int rowsPerChunk = Math.Max(1, chunkCells / labels);
        int chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        long twiceArea = 0;
        Parallel.For(0, chunks,
            () => new T[rowsPerChunk * labels],
            (chunk, _, buffer) =>
            {
                int count = 0;
                int end = Math.Min(rows, (chunk + 1) * rowsPerChunk);
                for (int i = chunk * rowsPerChunk; i < end; i++)
                {
                    var sr = MemoryMarshal.CreateReadOnlySpan(ref scores[i, 0], labels);
                    var yr = MemoryMarshal.CreateReadOnlySpan(ref truth[i, 0], labels);
                    for (int c = 0; c < labels; c++)
                        if (yr[c] != rarerLabel) buffer[count++] = sr[c];
                }
                Array.Sort(buffer, 0, count);
                Interlocked.Add(ref twiceArea, TwiceArea<T>(buffer.AsSpan(0, count), rarer, rarerIsPositive));
                return buffer;
            },
            _ => { });
        return twiceArea / (2.0 * positives * negatives);
    }

    /// <summary>
    /// Twice the Mann–Whitney count contributed by the sorted cells of the commoner class against the sorted
    /// rarer class: 2 per (positive, negative) pair ordered correctly, 1 per tie.
    /// </summary>
    private static long TwiceArea<T>(ReadOnlySpan<T> sortedCommoner, T[] rarer, bool rarerIsPositive)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long total = 0;
        int below = 0, notAbove = 0;  // rarer values < v and ≤ v
        int m = rarer.Length;
        for (int k = 0; k < sortedCommoner.Length;)
        {
            T v = sortedCommoner[k];
            int run = 0;
            for (; k < sortedCommoner.Length && sortedCommoner[k] == v; k++) run++;
            below = Gallop(rarer, below, v, inclusive: false);
            notAbove = Gallop(rarer, Math.Max(below, notAbove), v, inclusive: true);
            long ties = notAbove - below;
            // rarer positive: negatives at v beat no positive above v; rarer negative: positives at v beat the negatives below.
            long ordered = rarerIsPositive ? m - notAbove : below;
            total += run * (2 * ordered + ties);
        }
        return total;
    }

    /// <summary>
    /// First index ≥ <paramref name="from"/> whose value is not below <paramref name="v"/> ("below" is &lt; v, or
    /// ≤ v when <paramref name="inclusive"/>), by exponential then binary search; the array is sorted ascending.
    /// </summary>
    internal static int Gallop<T>(T[] sorted, int from, T v, bool inclusive) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (from >= sorted.Length || !Below(sorted[from], v, inclusive)) return from;
        int lo = from, step = 1;  // invariant: sorted[lo] is below v
        while (lo + step < sorted.Length && Below(sorted[lo + step], v, inclusive))
        {
            lo += step;
            step *= 2;
        }
        int hi = Math.Min(lo + step, sorted.Length);
        lo++;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (Below(sorted[mid], v, inclusive)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static bool Below<T>(T x, T v, bool inclusive) where T : IFloatingPointIeee754<T> => inclusive ? x <= v : x < v;
}

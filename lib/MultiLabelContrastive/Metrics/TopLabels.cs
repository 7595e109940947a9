using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Precision at k for several k from one top-k selection per row: a bounded heap keeps the K = max k best labels
/// (higher score first, ties to the lower label index), O(C log K) per row, rows in parallel.
/// </summary>
internal static class TopLabels
{
    private const int RowsPerBlock = 64;

    /// <summary>P@k for each k (1 ≤ k ≤ C, already validated) over the first <paramref name="rows"/> rows.</summary>
    public static double[] PrecisionAt<T>(T[,] scores, int[,] truth, int rows, IReadOnlyList<int> ks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int labels = scores.GetLength(1);
        int kMax = ks.Max();
        var hitsAt = new long[kMax];  // Σ over rows of hits among the top (r + 1)
        int blocks = (rows + RowsPerBlock - 1) / RowsPerBlock;
        Parallel.For(0, blocks,
            () => (Heap: new int[kMax], Hits: new long[kMax]),
            (block, _, local) =>
            {
                int end = Math.Min(rows, (block + 1) * RowsPerBlock);
                for (int i = block * RowsPerBlock; i < end; i++)
                {
                    var s = MemoryMarshal.CreateReadOnlySpan(ref scores[i, 0], labels);
                    var y = MemoryMarshal.CreateReadOnlySpan(ref truth[i, 0], labels);
                    SelectTop(s, local.Heap);
                    long hits = 0;
                    for (int r = 0; r < kMax; r++)
                    {
                        hits += y[local.Heap[r]];
                        local.Hits[r] += hits;
                    }
                }
                return local;
            },
            local =>
            {
                for (int r = 0; r < kMax; r++) Interlocked.Add(ref hitsAt[r], local.Hits[r]);
            });
        return ks.Select(k => (double)hitsAt[k - 1] / ((double)rows * k)).ToArray();
    }

    /// <summary>
    /// Fills <paramref name="top"/> with the indices of the top.Length best labels of one row, best first
    /// (higher score; equal scores: lower index).
    /// </summary>
    internal static void SelectTop<T>(ReadOnlySpan<T> s, int[] top) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = top.Length;
        // Min-heap on "goodness": the root is the worst label kept.
        for (int c = 0; c < k; c++)
        {
            top[c] = c;
            SiftUp(s, top, c);
        }
        for (int c = k; c < s.Length; c++)
            if (Better(s, c, top[0]))
            {
                top[0] = c;
                SiftDown(s, top, 0, k);
            }
        // Heap sort: repeatedly move the worst to the end, leaving the best first.
        for (int size = k - 1; size > 0; size--)
        {
            (top[0], top[size]) = (top[size], top[0]);
            SiftDown(s, top, 0, size);
        }
    }

    private static bool Better<T>(ReadOnlySpan<T> s, int a, int b) where T : IFloatingPointIeee754<T> =>
        s[a] > s[b] || (s[a] == s[b] && a < b);

    private static void SiftUp<T>(ReadOnlySpan<T> s, int[] heap, int i) where T : IFloatingPointIeee754<T>
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(s, heap[parent], heap[i])) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown<T>(ReadOnlySpan<T> s, int[] heap, int i, int size) where T : IFloatingPointIeee754<T>
    {
        while (true)
        {
            int worst = i, left = 2 * i + 1, right = left + 1;
            if (left < size && Better(s, heap[worst], heap[left])) worst = left;
            if (right < size && Better(s, heap[worst], heap[right])) worst = right;
            if (worst == i) return;
            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }
}

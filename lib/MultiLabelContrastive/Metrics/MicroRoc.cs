using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// ROC-AUC of the flattened n×C matrix without sorting all n·C cells: the cells of the rarer class are sorted once
/// (<see cref="SortedReference{T}"/>), and every cell of the other class, streamed row by row in parallel, adds the
/// number of rarer-class cells below, equal to and above its score. The area is the Mann–Whitney count (a tie counts
/// one half), which equals scikit-learn's trapezoid <c>roc_auc_score</c>, accumulated exactly in integers.
/// Time O(m log m + N) on spread-out scores (O(N log m) at worst) and memory O(m), for m rarer-class cells out of N.
/// </summary>
internal static class MicroRoc
{
    private const int CellsPerBlock = 1 << 16;

    /// <summary>Micro ROC-AUC over the first <paramref name="rows"/> rows; NaN when every cell is of one class.</summary>
    public static double Compute<T>(T[,] scores, int[,] truth, int rows) where T : unmanaged, IFloatingPointIeee754<T>
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
        var rarerScores = new T[Math.Min(positives, negatives)];
        for (int k = 0, r = 0; k < cells; k++)
            if (y[k] == rarerLabel) rarerScores[r++] = s[k];
        var rarer = new SortedReference<T>(rarerScores, rarerScores.Length);

        int rowsPerBlock = Math.Max(1, CellsPerBlock / labels);
        int blocks = (rows + rowsPerBlock - 1) / rowsPerBlock;
        long twiceArea = 0;
        Parallel.For(0, blocks, () => 0L,
            (block, _, local) =>
            {
                int end = Math.Min(rows, (block + 1) * rowsPerBlock);
                for (int i = block * rowsPerBlock; i < end; i++)
                {
                    var sr = MemoryMarshal.CreateReadOnlySpan(ref scores[i, 0], labels);
                    var yr = MemoryMarshal.CreateReadOnlySpan(ref truth[i, 0], labels);
                    for (int c = 0; c < labels; c++)
                    {
                        if (yr[c] == rarerLabel) continue;
                        int d = rarer.LowerBound(sr[c]);
                        long below = rarer.Below[d];
                        long ties = d < rarer.Values.Length && rarer.Values[d] == sr[c] ? rarer.Counts[d] : 0;
                        // A negative cell beats no one: the pairs it completes in order are the positives above it;
                        // a positive cell completes them with the negatives below it.
                        long ordered = rarerIsPositive ? rarer.Total - below - ties : below;
                        local += 2 * ordered + ties;
                    }
                }
                return local;
            },
            local => Interlocked.Add(ref twiceArea, local));
        return twiceArea / (2.0 * positives * negatives);
    }
}

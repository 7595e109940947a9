using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Per-label ROC-AUC and average precision. Per label, the positive scores are sorted once
/// (<see cref="SortedReference{T}"/>) and each negative score is counted into the slot of the positive values it
/// equals or falls between; a walk over the distinct positive values from the highest down then gives, at every
/// threshold where the true positives change, tp and fp exactly. Only those thresholds matter for both metrics,
/// so the result equals a full sort of the column, in O(n log P) per label instead of O(n log n). Labels are
/// processed in blocks (the row-major matrix is read row by row), blocks in parallel.
/// </summary>
internal static class LabelRanking
{
    private const int CellsPerBlock = 1 << 22;

    /// <summary>
    /// Per label: ROC-AUC (NaN unless the label has a positive and a negative) and average precision (NaN unless
    /// it has a positive), both over the first <paramref name="rows"/> rows.
    /// </summary>
    public static (double[] Auc, double[] AveragePrecision) Compute<T>(T[,] scores, int[,] truth, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int labels = scores.GetLength(1);
        var auc = new double[labels];
        var ap = new double[labels];
        // Wide blocks read the row-major matrix in long runs (the strided reads dominate otherwise), capped by memory
        // (a dense block holds up to rows × width positive scores) and narrowed to keep every core busy.
        int labelsPerBlock = Math.Clamp(
            Math.Min(CellsPerBlock / rows, (labels + 2 * Environment.ProcessorCount - 1) / (2 * Environment.ProcessorCount)), 16, 512);
        int blocks = (labels + labelsPerBlock - 1) / labelsPerBlock;
        Parallel.For(0, blocks, block =>
        {
            int first = block * labelsPerBlock;
            int width = Math.Min(labelsPerBlock, labels - first);

            var positives = new int[width];
            for (int i = 0; i < rows; i++)
            {
                var y = MemoryMarshal.CreateReadOnlySpan(ref truth[i, first], width);
                for (int j = 0; j < width; j++) positives[j] += y[j];
            }
            var positiveScores = new T[width][];
            var filled = new int[width];
            for (int j = 0; j < width; j++) positiveScores[j] = new T[positives[j]];
            for (int i = 0; i < rows; i++)
            {
                var s = MemoryMarshal.CreateReadOnlySpan(ref scores[i, first], width);
                var y = MemoryMarshal.CreateReadOnlySpan(ref truth[i, first], width);
                for (int j = 0; j < width; j++)
                    if (y[j] != 0) positiveScores[j][filled[j]++] = s[j];
            }

            var reference = new SortedReference<T>[width];
            var equal = new long[width][];  // negatives equal to distinct positive value d
            var between = new long[width][];  // negatives between distinct positive values d − 1 and d (d = D: above all)
            for (int j = 0; j < width; j++)
            {
                reference[j] = new SortedReference<T>(positiveScores[j], positives[j]);
                equal[j] = new long[reference[j].Values.Length];
                between[j] = new long[reference[j].Values.Length + 1];
            }
            for (int i = 0; i < rows; i++)
            {
                var s = MemoryMarshal.CreateReadOnlySpan(ref scores[i, first], width);
                var y = MemoryMarshal.CreateReadOnlySpan(ref truth[i, first], width);
                for (int j = 0; j < width; j++)
                {
                    if (y[j] != 0 || positives[j] == 0) continue;
                    var r = reference[j];
                    T v = s[j];
                    int d = v < r.Values[0] ? 0 : r.LowerBound(v);  // most negatives of a rare label score below its positives
                    if (d < r.Values.Length && r.Values[d] == v) equal[j][d]++;
                    else between[j][d]++;
                }
            }
            for (int j = 0; j < width; j++)
                (auc[first + j], ap[first + j]) = Walk(reference[j], equal[j], between[j], negatives: rows - positives[j]);
        });
        return (auc, ap);
    }

    /// <summary>
    /// ROC-AUC and AP of one label from its distinct positive values (ascending, with multiplicities) and the
    /// negatives counted at and between them. Walks the thresholds from the highest positive value down:
    /// at threshold v, tp = positives ≥ v and fp = negatives ≥ v. AUC (scikit-learn <c>roc_auc_score</c>, trapezoid)
    /// counts each positive–negative pair ordered correctly as 1 and each tie as ½, accumulated exactly as twice
    /// that in integers; AP (scikit-learn <c>average_precision_score</c>) is Σ (R_k − R_{k−1}) · P_k.
    /// </summary>
    private static (double Auc, double AveragePrecision) Walk<T>(SortedReference<T> positives, long[] equal, long[] between, long negatives)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long p = positives.Total;
        if (p == 0) return (double.NaN, double.NaN);
        int distinct = positives.Values.Length;
        long tp = 0, twiceArea = 0;
        long negativesAbove = between[distinct];  // negatives > the current value
        double precisionSum = 0;
        for (int d = distinct - 1; d >= 0; d--)
        {
            long count = positives.Counts[d];
            long negativesAtOrAbove = negativesAbove + equal[d];
            tp += count;
            twiceArea += count * (2 * (negatives - negativesAtOrAbove) + equal[d]);
            precisionSum += count * ((double)tp / (tp + negativesAtOrAbove));
            negativesAbove = negativesAtOrAbove + between[d];
        }
        double auc = negatives > 0 ? twiceArea / (2.0 * p * negatives) : double.NaN;
        return (auc, precisionSum / p);
    }
}

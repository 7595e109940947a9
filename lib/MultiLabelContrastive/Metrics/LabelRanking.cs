using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Per-label ROC-AUC and average precision from one sort of each label's column (O(n log n) per label, labels
/// in parallel). Columns are copied out in blocks of labels so that the row-major matrix is read row by row.
/// </summary>
internal static class LabelRanking
{
    private const int CellsPerBlock = 1 << 18;

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
        int labelsPerBlock = Math.Min(labels, Math.Clamp(CellsPerBlock / rows, 8, 64));
        int blocks = (labels + labelsPerBlock - 1) / labelsPerBlock;
        Parallel.For(0, blocks,
            () => (Keys: new T[labelsPerBlock * rows], Truth: new byte[labelsPerBlock * rows]),
            (block, _, buffer) =>
            {
                int first = block * labelsPerBlock;
                int width = Math.Min(labelsPerBlock, labels - first);
                for (int i = 0; i < rows; i++)
                {
                    var s = MemoryMarshal.CreateReadOnlySpan(ref scores[i, first], width);
                    var y = MemoryMarshal.CreateReadOnlySpan(ref truth[i, first], width);
                    for (int j = 0; j < width; j++)
                    {
                        buffer.Keys[j * rows + i] = s[j];
                        buffer.Truth[j * rows + i] = (byte)y[j];
                    }
                }
                for (int j = 0; j < width; j++)
                {
                    Array.Sort(buffer.Keys, buffer.Truth, j * rows, rows);
                    (auc[first + j], ap[first + j]) = Sweep<T>(
                        buffer.Keys.AsSpan(j * rows, rows), buffer.Truth.AsSpan(j * rows, rows));
                }
                return buffer;
            },
            _ => { });
        return (auc, ap);
    }

    /// <summary>
    /// ROC-AUC and average precision of one label from its scores sorted ascending (truth permuted alike).
    /// Walks the distinct thresholds from the highest score down. AUC is the trapezoid area under the ROC curve
    /// through those thresholds (scikit-learn <c>roc_auc_score</c>; a block of tied scores contributes
    /// fp_block · (tp_before + tp_block / 2), accumulated exactly in integers as twice that). AP is
    /// Σ (R_k − R_{k−1}) · P_k over the same thresholds (scikit-learn <c>average_precision_score</c>, step-wise).
    /// </summary>
    public static (double Auc, double AveragePrecision) Sweep<T>(ReadOnlySpan<T> ascendingScores, ReadOnlySpan<byte> truth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long tp = 0, fp = 0, twiceArea = 0;
        double precisionSum = 0;
        int k = ascendingScores.Length - 1;
        while (k >= 0)
        {
            T v = ascendingScores[k];
            long blockTp = 0, blockFp = 0;
            for (; k >= 0 && ascendingScores[k] == v; k--)
            {
                if (truth[k] != 0) blockTp++;
                else blockFp++;
            }
            twiceArea += blockFp * (2 * tp + blockTp);
            tp += blockTp;
            fp += blockFp;
            if (blockTp > 0) precisionSum += blockTp * ((double)tp / (tp + fp));
        }
        double auc = tp > 0 && fp > 0 ? twiceArea / (2.0 * tp * fp) : double.NaN;
        double ap = tp > 0 ? precisionSum / tp : double.NaN;
        return (auc, ap);
    }
}

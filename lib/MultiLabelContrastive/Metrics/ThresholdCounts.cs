using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Per-label true-positive and predicted-positive counts at several thresholds, from one pass over the matrix:
/// each cell falls into the bucket "number of thresholds ≤ score", and the counts at a threshold are suffix sums
/// of the per-label bucket histograms. Comparisons are made in the precision of the scores (a float32 score is
/// compared with the threshold rounded to float32, as <c>probs &gt;= t</c> on a float32 tensor does).
/// </summary>
internal sealed class ThresholdCounts
{
    private const int CellsPerBlock = 1 << 16;

    private readonly double[] thresholds;
    private readonly long[][] truePositives;      // [threshold][label]
    private readonly long[][] predictedPositives; // [threshold][label]

    private ThresholdCounts(double[] thresholds, long[][] truePositives, long[][] predictedPositives, long[] positives)
    {
        this.thresholds = thresholds;
        this.truePositives = truePositives;
        this.predictedPositives = predictedPositives;
        Positives = positives;
    }

    /// <summary>Positives per label.</summary>
    public long[] Positives { get; }

    public static ThresholdCounts Compute<T>(T[,] scores, int[,] truth, int rows, IReadOnlyList<double> thresholdList)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int labels = scores.GetLength(1);
        var sorted = thresholdList.Distinct().Order().ToArray();
        var cuts = sorted.Select(T.CreateTruncating).ToArray();
        int m = cuts.Length, buckets = m + 1;
        int rowsPerBlock = Math.Max(1, CellsPerBlock / labels);
        int blocks = (rows + rowsPerBlock - 1) / rowsPerBlock;

        var all = new long[labels * buckets];
        var pos = new long[labels * buckets];
        var gate = new object();
        Parallel.For(0, blocks,
            () => (All: new long[labels * buckets], Pos: new long[labels * buckets]),
            (block, _, h) =>
            {
                int end = Math.Min(rows, (block + 1) * rowsPerBlock);
                for (int i = block * rowsPerBlock; i < end; i++)
                {
                    var s = MemoryMarshal.CreateReadOnlySpan(ref scores[i, 0], labels);
                    var y = MemoryMarshal.CreateReadOnlySpan(ref truth[i, 0], labels);
                    for (int c = 0; c < labels; c++)
                    {
                        T v = s[c];
                        int b = 0;
                        while (b < m && v >= cuts[b]) b++;
                        int cell = c * buckets + b;
                        h.All[cell]++;
                        h.Pos[cell] += y[c];
                    }
                }
                return h;
            },
            h =>
            {
                lock (gate)
                    for (int k = 0; k < all.Length; k++)
                    {
                        all[k] += h.All[k];
                        pos[k] += h.Pos[k];
                    }
            });

        var tp = new long[m][];
        var pred = new long[m][];
        var positives = new long[labels];
        for (int j = 0; j < m; j++)
        {
            tp[j] = new long[labels];
            pred[j] = new long[labels];
        }
        for (int c = 0; c < labels; c++)
        {
            long tpSuffix = 0, predSuffix = 0;
            for (int b = buckets - 1; b >= 1; b--)
            {
                tpSuffix += pos[c * buckets + b];
                predSuffix += all[c * buckets + b];
                tp[b - 1][c] = tpSuffix;
                pred[b - 1][c] = predSuffix;
            }
            positives[c] = tpSuffix + pos[c * buckets];
        }
        return new ThresholdCounts(sorted, tp, pred, positives);
    }

    /// <summary>Every threshold metric at one of the thresholds the counts were made for.</summary>
    public ThresholdMetrics At(double threshold)
    {
        int j = Array.IndexOf(thresholds, threshold);
        if (j < 0) throw new InvalidOperationException($"No counts for threshold {threshold}.");
        long[] tp = truePositives[j], pred = predictedPositives[j];
        int labels = Positives.Length;
        long tpSum = 0, predSum = 0, posSum = 0;
        double f1Sum = 0, f1PresentSum = 0, precisionSum = 0, recallSum = 0;
        int present = 0;
        for (int c = 0; c < labels; c++)
        {
            long t = tp[c], p = pred[c], y = Positives[c];
            tpSum += t;
            predSum += p;
            posSum += y;
            double f1 = Ratio(2 * t, p + y);  // 2tp / (2tp + fp + fn)
            f1Sum += f1;
            if (y > 0)
            {
                present++;
                f1PresentSum += f1;
            }
            precisionSum += Ratio(t, p);
            recallSum += Ratio(t, y);
        }
        double macroP = precisionSum / labels, macroR = recallSum / labels;
        return new ThresholdMetrics(
            MicroF1: Ratio(2 * tpSum, predSum + posSum),
            MacroF1Mean: f1Sum / labels,
            MacroF1MeanLabelsPresentOnly: present == 0 ? double.NaN : f1PresentSum / present,
            MacroF1Caml: macroP + macroR > 0 ? 2 * macroP * macroR / (macroP + macroR) : 0,
            MicroPrecision: Ratio(tpSum, predSum),
            MicroRecall: Ratio(tpSum, posSum),
            MacroPrecision: macroP,
            MacroRecall: macroR,
            LabelsPresent: present);
    }

    /// <summary>a / b, and 0 when b = 0 (scikit-learn <c>zero_division=0</c>).</summary>
    private static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
}

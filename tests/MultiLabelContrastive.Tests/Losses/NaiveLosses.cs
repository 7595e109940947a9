using MultiLabelContrastive.Tests.Support;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>
/// Every loss of docs/MATH.md written the slow, obvious way in float64: loops over anchors and positives, and
/// MulSupCon row-expanded as its reference code does (one anchor row per (sample, label)). Shares no code with lib/.
/// </summary>
internal static class NaiveLosses
{
    /// <summary>(loss, units counted) for anchors = the first <paramref name="anchorCount"/> rows, candidates = all rows.</summary>
    public static (double Loss, long Counted) Compute(string name, RandomBatch batch, double tau, int anchorCount)
    {
        int m = batch.M;
        var sets = Enumerable.Range(0, m).Select(batch.LabelSet).ToArray();
        var logProb = LogProb(batch.Z, tau, anchorCount);
        return name switch
        {
            "All" => AnchorMean(anchorCount, m, (i, j) => sets[i].Count > 0 && sets[i].SetEquals(sets[j]) ? 1 : 0, logProb, normalise: true),
            "Any" => AnchorMean(anchorCount, m, (i, j) => sets[i].Overlaps(sets[j]) ? 1 : 0, logProb, normalise: true),
            "SdLiteral" => SdLiteral(anchorCount, m, sets, logProb),
            "SdWeighted" => AnchorMean(anchorCount, m, (i, j) => K(sets[i], sets[j]), logProb, normalise: false),
            "SdWeightedNormalized" => AnchorMean(anchorCount, m, (i, j) => K(sets[i], sets[j]), logProb, normalise: true),
            "SdJaccardWeighted" => AnchorMean(anchorCount, m, (i, j) => Jaccard(sets[i], sets[j]), logProb, normalise: false),
            "MulSupCon" => MulSupCon(anchorCount, m, sets, logProb, perSampleWeight: false),
            "MulSupConPerSampleWeight" => MulSupCon(anchorCount, m, sets, logProb, perSampleWeight: true),
            _ => throw new ArgumentException(name),
        };
    }

    public static double K(HashSet<int> s, HashSet<int> t)
    {
        int both = s.Count(t.Contains);
        return s.Count == 0 ? 0 : (double)both / s.Count / (1 + t.Count - both);
    }

    private static double Jaccard(HashSet<int> s, HashSet<int> t)
    {
        int both = s.Count(t.Contains);
        int union = s.Count + t.Count - both;
        return union == 0 ? 0 : (double)both / union;
    }

    private static double[,] LogProb(double[,] z, double tau, int anchorCount)
    {
        int m = z.GetLength(0), d = z.GetLength(1);
        var unit = new double[m, d];
        for (int i = 0; i < m; i++)
        {
            double norm = 0;
            for (int k = 0; k < d; k++) norm += z[i, k] * z[i, k];
            norm = Math.Max(Math.Sqrt(norm), 1e-12);
            for (int k = 0; k < d; k++) unit[i, k] = z[i, k] / norm;
        }
        var logits = new double[anchorCount, m];
        for (int i = 0; i < anchorCount; i++)
            for (int j = 0; j < m; j++)
            {
                double dot = 0;
                for (int k = 0; k < d; k++) dot += unit[i, k] * unit[j, k];
                logits[i, j] = dot / tau;
            }
        var logProb = new double[anchorCount, m];
        for (int i = 0; i < anchorCount; i++)
        {
            double max = double.NegativeInfinity;
            for (int a = 0; a < m; a++) if (a != i) max = Math.Max(max, logits[i, a]);
            double sum = 0;
            for (int a = 0; a < m; a++) if (a != i) sum += Math.Exp(logits[i, a] - max);
            double lse = max + Math.Log(sum);
            for (int j = 0; j < m; j++) logProb[i, j] = logits[i, j] - lse;
        }
        return logProb;
    }

    private static (double, long) AnchorMean(int anchors, int m, Func<int, int, double> weight, double[,] logProb, bool normalise)
    {
        double total = 0;
        long counted = 0;
        for (int i = 0; i < anchors; i++)
        {
            double weightSum = 0, weighted = 0;
            int positives = 0;
            for (int j = 0; j < m; j++)
            {
                if (j == i) continue;
                double w = weight(i, j);
                if (w <= 0) continue;
                positives++;
                weightSum += w;
                weighted += w * logProb[i, j];
            }
            if (positives == 0) continue;
            counted++;
            total += -weighted / (normalise ? weightSum : positives);
        }
        return (counted == 0 ? 0 : total / counted, counted);
    }

    private static (double, long) SdLiteral(int anchors, int m, HashSet<int>[] sets, double[,] logProb)
    {
        double total = 0;
        long counted = 0;
        for (int i = 0; i < anchors; i++)
        {
            double sum = 0;
            int positives = 0;
            for (int j = 0; j < m; j++)
            {
                if (j == i || !sets[i].Overlaps(sets[j])) continue;
                positives++;
                sum += Math.Log(K(sets[i], sets[j])) + logProb[i, j];
            }
            if (positives == 0) continue;
            counted++;
            total += -sum / positives;
        }
        return (counted == 0 ? 0 : total / counted, counted);
    }

    private static (double, long) MulSupCon(int anchors, int m, HashSet<int>[] sets, double[,] logProb, bool perSampleWeight)
    {
        // Row expansion: one (anchor, label) row per label of each anchor, as the reference code builds it.
        var rows = new List<(int Anchor, int Label)>();
        for (int i = 0; i < anchors; i++)
            foreach (var l in sets[i].OrderBy(x => x)) rows.Add((i, l));
        double total = 0;
        long counted = 0;
        foreach (var (i, l) in rows)
        {
            var positives = Enumerable.Range(0, m).Where(j => j != i && sets[j].Contains(l)).ToList();
            if (positives.Count == 0) continue;
            counted++;
            double rowLoss = -positives.Sum(j => logProb[i, j]) / positives.Count;
            total += perSampleWeight ? rowLoss / (sets[i].Count * (double)anchors) : rowLoss;
        }
        if (counted == 0) return (0, 0);
        return (perSampleWeight ? total : total / counted, counted);
    }
}

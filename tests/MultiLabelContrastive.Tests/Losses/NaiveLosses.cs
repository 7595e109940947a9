using System.Numerics;
using MultiLabelContrastive.Tests.Support;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>
/// Every loss of docs/MATH.md written the slow, obvious way, in float32 or float64 (<typeparamref name="T"/> throughout:
/// embeddings, log-sum-exp, factors and sums): loops over anchors and positives, and MulSupCon row-expanded as its
/// reference code does (one anchor row per (sample, label)). Shares no code with lib/.
/// </summary>
internal static class NaiveLosses<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>(loss, units counted) for anchors = the first <paramref name="anchorCount"/> rows, candidates = all rows.</summary>
    /// <param name="overEveryUnit">Divide by every anchor (every (anchor, label) row for MulSupCon), as SupContrast,
    /// instead of by those with a positive.</param>
    public static (double Loss, long Counted) Compute(string name, RandomBatch batch, double tau, int anchorCount, bool overEveryUnit = false)
    {
        int m = batch.M;
        var sets = Enumerable.Range(0, m).Select(batch.LabelSet).ToArray();
        var logProb = LogProb(batch.Z, T.CreateChecked(tau), anchorCount);
        var (loss, counted, units) = name switch
        {
            "All" => AnchorMean(anchorCount, m, (i, j) => sets[i].Count > 0 && sets[i].SetEquals(sets[j]) ? T.One : T.Zero, logProb, normalise: true),
            "Any" => AnchorMean(anchorCount, m, (i, j) => sets[i].Overlaps(sets[j]) ? T.One : T.Zero, logProb, normalise: true),
            "SdLiteral" => SdLiteral(anchorCount, m, sets, logProb),
            "SdWeighted" => AnchorMean(anchorCount, m, (i, j) => K(sets[i], sets[j]), logProb, normalise: false),
            "SdWeightedNormalized" => AnchorMean(anchorCount, m, (i, j) => K(sets[i], sets[j]), logProb, normalise: true),
            "SdJaccardWeighted" => AnchorMean(anchorCount, m, (i, j) => Jaccard(sets[i], sets[j]), logProb, normalise: false),
            "MulSupCon" => MulSupCon(anchorCount, m, sets, logProb, perSampleWeight: false),
            "MulSupConPerSampleWeight" => MulSupCon(anchorCount, m, sets, logProb, perSampleWeight: true),
            _ => throw new ArgumentException(name),
        };
        if (name == "MulSupConPerSampleWeight") return (double.CreateChecked(loss), counted); // a weighted sum, not a mean
        long divisor = overEveryUnit ? units : counted;
        return (divisor == 0 ? 0 : double.CreateChecked(loss / T.CreateChecked(divisor)), counted);
    }

    /// <summary>K = |S ∩ T| / |S| · 1 / (1 + |T \ S|), 0 for S = ∅.</summary>
    public static T K(HashSet<int> s, HashSet<int> t)
    {
        int both = s.Count(t.Contains);
        return s.Count == 0 ? T.Zero : T.CreateChecked(both) / T.CreateChecked(s.Count) / T.CreateChecked(1 + t.Count - both);
    }

    private static T Jaccard(HashSet<int> s, HashSet<int> t)
    {
        int both = s.Count(t.Contains);
        int union = s.Count + t.Count - both;
        return union == 0 ? T.Zero : T.CreateChecked(both) / T.CreateChecked(union);
    }

    private static T[,] LogProb(double[,] z, T tau, int anchorCount)
    {
        int m = z.GetLength(0), d = z.GetLength(1);
        var unit = new T[m, d];
        for (int i = 0; i < m; i++)
        {
            T norm = T.Zero;
            for (int k = 0; k < d; k++) norm += T.CreateChecked(z[i, k]) * T.CreateChecked(z[i, k]);
            norm = T.Max(T.Sqrt(norm), T.CreateChecked(1e-12));
            for (int k = 0; k < d; k++) unit[i, k] = T.CreateChecked(z[i, k]) / norm;
        }
        var logits = new T[anchorCount, m];
        for (int i = 0; i < anchorCount; i++)
            for (int j = 0; j < m; j++)
            {
                T dot = T.Zero;
                for (int k = 0; k < d; k++) dot += unit[i, k] * unit[j, k];
                logits[i, j] = dot / tau;
            }
        var logProb = new T[anchorCount, m];
        for (int i = 0; i < anchorCount; i++)
        {
            T max = T.NegativeInfinity;
            for (int a = 0; a < m; a++) if (a != i) max = T.Max(max, logits[i, a]);
            T sum = T.Zero;
            for (int a = 0; a < m; a++) if (a != i) sum += T.Exp(logits[i, a] - max);
            T lse = max + T.Log(sum);
            for (int j = 0; j < m; j++) logProb[i, j] = logits[i, j] - lse;
        }
        return logProb;
    }

    /// <summary>Σ over anchors with a positive of the per-anchor loss; the anchors counted; every anchor.</summary>
    private static (T, long, long) AnchorMean(int anchors, int m, Func<int, int, T> weight, T[,] logProb, bool normalise)
    {
        T total = T.Zero;
        long counted = 0;
        for (int i = 0; i < anchors; i++)
        {
            T weightSum = T.Zero, weighted = T.Zero;
            int positives = 0;
            for (int j = 0; j < m; j++)
            {
                if (j == i) continue;
                T w = weight(i, j);
                if (w <= T.Zero) continue;
                positives++;
                weightSum += w;
                weighted += w * logProb[i, j];
            }
            if (positives == 0) continue;
            counted++;
            total += -weighted / (normalise ? weightSum : T.CreateChecked(positives));
        }
        return (total, counted, anchors);
    }

    private static (T, long, long) SdLiteral(int anchors, int m, HashSet<int>[] sets, T[,] logProb)
    {
        T total = T.Zero;
        long counted = 0;
        for (int i = 0; i < anchors; i++)
        {
            T sum = T.Zero;
            int positives = 0;
            for (int j = 0; j < m; j++)
            {
                if (j == i || !sets[i].Overlaps(sets[j])) continue;
                positives++;
                sum += T.Log(K(sets[i], sets[j])) + logProb[i, j];
            }
            if (positives == 0) continue;
            counted++;
            total += -sum / T.CreateChecked(positives);
        }
        return (total, counted, anchors);
    }

    private static (T, long, long) MulSupCon(int anchors, int m, HashSet<int>[] sets, T[,] logProb, bool perSampleWeight)
    {
        // Row expansion: one (anchor, label) row per label of each anchor, as the reference code builds it.
        var rows = new List<(int Anchor, int Label)>();
        for (int i = 0; i < anchors; i++)
            foreach (var l in sets[i].OrderBy(x => x)) rows.Add((i, l));
        T total = T.Zero;
        long counted = 0;
        foreach (var (i, l) in rows)
        {
            var positives = Enumerable.Range(0, m).Where(j => j != i && sets[j].Contains(l)).ToList();
            if (positives.Count == 0) continue;
            counted++;
            T rowLoss = T.Zero;
            foreach (var j in positives) rowLoss -= logProb[i, j];
            rowLoss /= T.CreateChecked(positives.Count);
            total += perSampleWeight ? rowLoss / (T.CreateChecked(sets[i].Count) * T.CreateChecked(anchors)) : rowLoss;
        }
        return (total, counted, rows.Count);
    }
}

/// <summary>The float64 naive loops (<see cref="NaiveLosses{T}"/>), the reference of most tests.</summary>
internal static class NaiveLosses
{
    /// <inheritdoc cref="NaiveLosses{T}.Compute"/>
    public static (double Loss, long Counted) Compute(string name, RandomBatch batch, double tau, int anchorCount, bool overEveryUnit = false) =>
        NaiveLosses<double>.Compute(name, batch, tau, anchorCount, overEveryUnit);

    /// <inheritdoc cref="NaiveLosses{T}.K"/>
    public static double K(HashSet<int> s, HashSet<int> t) => NaiveLosses<double>.K(s, t);
}

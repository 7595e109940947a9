namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>
/// Deliberately plain reference implementations of docs/MATH.md "Metrics" written from the definitions (pair counts,
/// loops over distinct thresholds, full stable sorts), sharing no code with the library.
/// </summary>
internal static class NaiveMetrics
{
    /// <summary>ROC-AUC by counting every (positive, negative) pair: 1 if ordered, ½ if tied. NaN without both classes.</summary>
    public static double Auc(IReadOnlyList<double> s, IReadOnlyList<int> y)
    {
        double count = 0;
        long pairs = 0;
        for (int p = 0; p < s.Count; p++)
            if (y[p] == 1)
                for (int q = 0; q < s.Count; q++)
                    if (y[q] == 0)
                    {
                        pairs++;
                        count += s[p] > s[q] ? 1 : s[p] == s[q] ? 0.5 : 0;
                    }
        return pairs == 0 ? double.NaN : count / pairs;
    }

    /// <summary>ROC-AUC by the rank-sum (Mann–Whitney U) formula with mid-ranks for ties; NaN without both classes.</summary>
    public static double AucByRanks(IReadOnlyList<double> s, IReadOnlyList<int> y)
    {
        var order = Enumerable.Range(0, s.Count).OrderBy(i => s[i]).ToArray();
        double rankSum = 0;
        for (int a = 0; a < order.Length;)
        {
            int b = a;
            while (b < order.Length && s[order[b]] == s[order[a]]) b++;
            double midRank = (a + 1 + b) / 2.0;  // ranks a+1..b
            for (int k = a; k < b; k++) rankSum += y[order[k]] * midRank;
            a = b;
        }
        double p = y.Sum(), n = s.Count - p;
        return p == 0 || n == 0 ? double.NaN : (rankSum - p * (p + 1) / 2) / (p * n);
    }

    /// <summary>Average precision: Σ (R_k − R_{k−1}) P_k over distinct thresholds, highest first. NaN without positives.</summary>
    public static double AveragePrecision(IReadOnlyList<double> s, IReadOnlyList<int> y)
    {
        int positives = y.Sum();
        if (positives == 0) return double.NaN;
        double ap = 0, previousRecall = 0;
        foreach (double t in s.Distinct().OrderByDescending(v => v))
        {
            int tp = 0, predicted = 0;
            for (int i = 0; i < s.Count; i++)
                if (s[i] >= t)
                {
                    predicted++;
                    tp += y[i];
                }
            double recall = (double)tp / positives;
            ap += (recall - previousRecall) * tp / predicted;
            previousRecall = recall;
        }
        return ap;
    }

    public static double[] Column(double[,] a, int c) => Enumerable.Range(0, a.GetLength(0)).Select(i => a[i, c]).ToArray();

    public static int[] Column(int[,] a, int c) => Enumerable.Range(0, a.GetLength(0)).Select(i => a[i, c]).ToArray();

    public static double[] Flatten(double[,] a) => a.Cast<double>().ToArray();

    public static int[] Flatten(int[,] a) => a.Cast<int>().ToArray();

    /// <summary>Mean over labels of the per-label values that are not NaN, with the count.</summary>
    public static (double Mean, int Used) MacroMean(double[,] s, int[,] y, Func<double[], int[], double> perLabel)
    {
        var values = Enumerable.Range(0, s.GetLength(1)).Select(c => perLabel(Column(s, c), Column(y, c))).Where(v => !double.IsNaN(v)).ToList();
        return (values.Count == 0 ? double.NaN : values.Average(), values.Count);
    }

    /// <summary>P@k with a full stable sort of each row (score descending, then label index ascending).</summary>
    public static double PrecisionAtK(double[,] s, int[,] y, int k)
    {
        int n = s.GetLength(0), c = s.GetLength(1);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var top = Enumerable.Range(0, c).OrderByDescending(j => s[i, j]).ThenBy(j => j).Take(k);
            sum += top.Count(j => y[i, j] == 1) / (double)k;
        }
        return sum / n;
    }

    /// <summary>Micro and macro F1/P/R from per-label counts at a threshold (prediction s ≥ t).</summary>
    public static Dictionary<string, double> ThresholdMetrics(double[,] s, int[,] y, double t)
    {
        int n = s.GetLength(0), c = s.GetLength(1);
        long tpAll = 0, fpAll = 0, fnAll = 0;
        var f1 = new List<double>();
        var f1Present = new List<double>();
        var p = new List<double>();
        var r = new List<double>();
        for (int j = 0; j < c; j++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < n; i++)
            {
                bool predicted = s[i, j] >= t;
                if (predicted && y[i, j] == 1) tp++;
                else if (predicted) fp++;
                else if (y[i, j] == 1) fn++;
            }
            tpAll += tp;
            fpAll += fp;
            fnAll += fn;
            double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            double f = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1.Add(f);
            if (tp + fn > 0) f1Present.Add(f);
            p.Add(precision);
            r.Add(recall);
        }
        double microP = tpAll + fpAll == 0 ? 0 : (double)tpAll / (tpAll + fpAll);
        double microR = tpAll + fnAll == 0 ? 0 : (double)tpAll / (tpAll + fnAll);
        double macroP = p.Average(), macroR = r.Average();
        return new Dictionary<string, double>
        {
            ["MicroF1"] = microP + microR == 0 ? 0 : 2 * microP * microR / (microP + microR),
            ["MacroF1Mean"] = f1.Average(),
            ["MacroF1MeanLabelsPresentOnly"] = f1Present.Count == 0 ? double.NaN : f1Present.Average(),
            ["MacroF1Caml"] = macroP + macroR == 0 ? 0 : 2 * macroP * macroR / (macroP + macroR),
            ["MicroPrecision"] = microP,
            ["MicroRecall"] = microR,
            ["MacroPrecision"] = macroP,
            ["MacroRecall"] = macroR,
            ["LabelsPresent"] = f1Present.Count,
        };
    }
}

using FsCheck.Xunit;
using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>Invariants of the metrics on random matrices (FsCheck draws the seeds).</summary>
public class MetricProperties
{
    private static (double[,] Scores, int[,] Truth) Draw(int seed)
    {
        int n = 1 + Math.Abs(seed % 37), c = 1 + Math.Abs(seed / 37 % 11);
        double rate = new[] { 0.05, 0.3, 0.6, 0.95 }[Math.Abs(seed % 4)];
        // Scores on a grid of 0.05: many ties, and strictly monotone maps keep distinct values distinct.
        var (s, y) = MetricData.Random(seed, n, c, rate, decimals: 2);
        return (MetricData.Map(s, v => Math.Round(v * 20) / 20), y);
    }

    private static Dictionary<string, double> All(double[,] s, int[,] y) =>
        MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Ks = Enumerable.Range(1, s.GetLength(1)).ToArray() })
            .NamedValues().ToDictionary(p => p.Key, p => p.Value);

    private static bool Same(double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-12;

    [Property(MaxTest = 60)]
    public bool RankingMetricsAreInvariantUnderStrictlyIncreasingMaps(int seed)
    {
        var (s, y) = Draw(seed);
        var ks = Enumerable.Range(1, s.GetLength(1)).ToArray();
        var before = MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Ks = ks });
        foreach (Func<double, double> f in new Func<double, double>[] { v => Math.Exp(4 * v), v => 3 * v - 7, v => v * v * v + v, v => Math.Log(v + 0.01) })
        {
            var after = MultiLabelMetrics.Evaluate(MetricData.Map(s, f), y, new MetricOptions { Ks = ks });
            if (!Same(before.MicroAuc, after.MicroAuc) || !Same(before.MacroAuc, after.MacroAuc)
                || before.MacroAucLabelsUsed != after.MacroAucLabelsUsed
                || !Same(before.MeanAveragePrecision, after.MeanAveragePrecision)
                || ks.Any(k => !Same(before.PrecisionAtK[k], after.PrecisionAtK[k])))
                return false;
        }
        return true;
    }

    [Property(MaxTest = 60)]
    public bool PrecisionAtKIsBetweenZeroAndOne(int seed)
    {
        var (s, y) = Draw(seed);
        var values = PrecisionAtK.Compute(s, y, Enumerable.Range(1, s.GetLength(1)).ToArray());
        return values.All(v => v >= 0 && v <= 1);
    }

    [Property(MaxTest = 60)]
    public bool PerfectPredictionsHaveMicroF1One(int seed)
    {
        var (_, y) = Draw(seed);
        y[0, 0] = 1;  // at least one positive, else every count is 0 and micro-F1 is 0 by convention
        var random = new Random(seed);
        var s = new double[y.GetLength(0), y.GetLength(1)];
        for (int i = 0; i < y.GetLength(0); i++)
            for (int j = 0; j < y.GetLength(1); j++)
                s[i, j] = y[i, j] == 1 ? 0.5 + 0.5 * random.NextDouble() : 0.4999 * random.NextDouble();
        var r = MultiLabelMetrics.Evaluate(s, y);
        return r.MicroF1 == 1 && r.MicroPrecision == 1 && r.MicroRecall == 1 && r.MacroF1MeanLabelsPresentOnly == 1
            && (double.IsNaN(r.MicroAuc) || r.MicroAuc == 1) && r.MeanAveragePrecision == 1;
    }

    [Property(MaxTest = 60)]
    public bool PermutingSamplesLeavesEveryMetricUnchanged(int seed)
    {
        var (s, y) = Draw(seed);
        var order = Enumerable.Range(0, s.GetLength(0)).ToArray();
        new Random(seed).Shuffle(order);
        var a = All(s, y);
        var b = All(MetricData.PermuteRows(s, order), MetricData.PermuteRows(y, order));
        return a.Count == b.Count && a.All(p => Same(p.Value, b[p.Key]));
    }

    [Property(MaxTest = 40)]
    public bool Float32AndFloat64AgreeOnScoresBothRepresentInTheSameOrder(int seed)
    {
        var (s, y) = Draw(seed);
        var f = MetricData.ToFloat(s);
        var options = new MetricOptions { Ks = Enumerable.Range(1, s.GetLength(1)).ToArray() };
        // Compare against float64 evaluation of the float32 values with thresholds rounded alike.
        var a = MultiLabelMetrics.Evaluate(f, y, options).NamedValues();
        var b = MultiLabelMetrics.Evaluate(MetricData.ToDouble(f), y, options with { Thresholds = MetricThresholds.Fixed((float)0.5) }).NamedValues();
        return a.Zip(b).All(p => p.First.Key == p.Second.Key && Same(p.First.Value, p.Second.Value));
    }
}

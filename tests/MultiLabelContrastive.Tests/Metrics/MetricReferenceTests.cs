using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>The library against the naive reference of NaiveMetrics on random matrices with many ties.</summary>
public class MetricReferenceTests
{
    public static TheoryData<int, int, int, double, int> Shapes => new()
    {
        // seed, n, C, positive rate, decimals
        { 1, 30, 7, 0.3, 1 },
        { 2, 57, 13, 0.1, 2 },
        { 3, 40, 5, 0.8, 1 },   // negatives are the rarer class
        { 4, 1, 9, 0.4, 2 },    // one sample: no label has both classes
        { 5, 64, 40, 0.05, 3 }, // sparse, several labels without positives
        { 6, 25, 1, 0.5, 1 },   // one label
        { 7, 30, 100, 0.2, 1 }, // labels in several parallel blocks
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryMetricEqualsTheNaiveReference(int seed, int n, int c, double rate, int decimals)
    {
        var (s, y) = MetricData.Random(seed, n, c, rate, decimals);
        var ks = Enumerable.Range(1, c).ToArray();
        foreach (double t in new[] { 0.5, 0.3, 0.75 })
        {
            var report = MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Thresholds = MetricThresholds.Fixed(t), Ks = ks });
            var named = report.NamedValues().ToDictionary(p => p.Key, p => p.Value);
            foreach (var (key, expected) in NaiveMetrics.ThresholdMetrics(s, y, t))
                AssertClose(expected, named[key], key);
        }
        var report05 = MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Ks = ks });
        var (macroAuc, aucUsed) = NaiveMetrics.MacroMean(s, y, NaiveMetrics.Auc);
        var (map, apUsed) = NaiveMetrics.MacroMean(s, y, NaiveMetrics.AveragePrecision);
        AssertClose(macroAuc, report05.MacroAuc, "MacroAuc");
        Assert.Equal(aucUsed, report05.MacroAucLabelsUsed);
        Assert.Equal(c - aucUsed, report05.MacroAucLabelsSkipped);
        AssertClose(map, report05.MeanAveragePrecision, "MeanAveragePrecision");
        Assert.Equal(apUsed, report05.MapLabelsUsed);
        AssertClose(NaiveMetrics.Auc(NaiveMetrics.Flatten(s), NaiveMetrics.Flatten(y)), report05.MicroAuc, "MicroAuc");
        foreach (int k in ks) AssertClose(NaiveMetrics.PrecisionAtK(s, y, k), report05.PrecisionAtK[k], $"P@{k}");
    }

    [Fact]
    public void ATallMatrixSpanningSeveralRowBlocksMatchesTheNaiveReference()
    {
        var (s, y) = MetricData.Random(31, 2500, 40, 0.1, decimals: 3);
        int[] ks = [1, 5, 40];
        var report = MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Ks = ks });
        var named = report.NamedValues().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, expected) in NaiveMetrics.ThresholdMetrics(s, y, 0.5))
            AssertClose(expected, named[key], key);
        AssertClose(NaiveMetrics.AucByRanks(NaiveMetrics.Flatten(s), NaiveMetrics.Flatten(y)), report.MicroAuc, "MicroAuc", 1e-10);
        AssertClose(NaiveMetrics.MacroMean(s, y, NaiveMetrics.AucByRanks).Mean, report.MacroAuc, "MacroAuc", 1e-10);
        AssertClose(NaiveMetrics.MacroMean(s, y, NaiveMetrics.AveragePrecision).Mean, report.MeanAveragePrecision, "MeanAveragePrecision");
        foreach (int k in ks) AssertClose(NaiveMetrics.PrecisionAtK(s, y, k), report.PrecisionAtK[k], $"P@{k}");
    }

    [Fact]
    public void RankSumAndPairCountReferencesAgree()
    {
        var (s, y) = MetricData.Random(32, 50, 3, 0.3, decimals: 1);
        for (int c = 0; c < 3; c++)
            AssertClose(NaiveMetrics.Auc(NaiveMetrics.Column(s, c), NaiveMetrics.Column(y, c)),
                NaiveMetrics.AucByRanks(NaiveMetrics.Column(s, c), NaiveMetrics.Column(y, c)), "rank sum", 1e-12);
    }

    [Theory]
    [InlineData(11, 0.2)]
    [InlineData(12, 0.85)]
    [InlineData(13, 0.5)]
    public void MicroAucIsExactWhicheverClassIsRarer(int seed, double rate)
    {
        var (s, y) = MetricData.Random(seed, 60, 9, rate, decimals: 1);
        double expected = NaiveMetrics.Auc(NaiveMetrics.Flatten(s), NaiveMetrics.Flatten(y));
        AssertClose(expected, RocAuc.Micro(s, y), "float64");
        AssertClose(expected, RocAuc.Micro(MetricData.ToFloat(s), y), "float32");
    }

    public static TheoryData<double[]> ReferenceValues => new()
    {
        new double[] { 0.5 },
        new double[] { 0.5, 0.5, 0.5 },
        new double[] { 0, 0, 1, 1, 1, 2, 3, 3, 5, 8, 8, 8, 8, 9 },
        new double[] { 1e-300, 2e-300, 1e-299, 0.1, 0.1000000000000001, 0.9999999, 1 },             // clumped values
        new double[] { -1e308, -5, -0.0, 0.0, 4.9e-324, 1e-10, 7, 1e308 },                        // range overflows
        Enumerable.Range(0, 500).Select(i => Math.Round(1 / (1 + Math.Exp(-(i % 37 - 18) / 3.0)), 3)).ToArray(),
    };

    [Theory]
    [MemberData(nameof(ReferenceValues))]
    public void SortedReferenceLowerBoundMatchesALinearScan(double[] values)
    {
        var reference = new SortedReference<double>((double[])values.Clone(), values.Length);
        var sorted = values.Order().ToArray();
        Assert.Equal(values.Length, reference.Total);
        Assert.Equal(sorted.Distinct().Count(), reference.Values.Length);
        var probes = values.Concat(values.Select(v => Math.BitIncrement(v))).Concat(values.Select(v => Math.BitDecrement(v)))
            .Concat([double.MinValue, double.MaxValue, -1, 0.5, 2]);
        foreach (double probe in probes)
        {
            int d = reference.LowerBound(probe);
            int expected = Array.FindIndex(reference.Values, v => v >= probe);
            Assert.Equal(expected < 0 ? reference.Values.Length : expected, d);
            Assert.Equal(sorted.Count(v => v < probe), reference.Below[d]);
        }
        var floats = new SortedReference<float>(values.Select(v => (float)v).ToArray(), values.Length);
        foreach (float probe in values.Select(v => (float)v).Append(float.MaxValue).Append(-1f))
        {
            int expected = Array.FindIndex(floats.Values, v => v >= probe);
            Assert.Equal(expected < 0 ? floats.Values.Length : expected, floats.LowerBound(probe));
        }
    }

    [Fact]
    public void Float32ScoresAreComparedWithTheThresholdRoundedToFloat32()
    {
        // 0.7f is 0.699999988…: as float32 it meets the threshold 0.7 (0.7 rounded to float32 is the same number),
        // as float64 it is below 0.7. This is the behaviour of `probs >= 0.7` on a float32 and a float64 tensor.
        int[,] y = { { 1 } };
        Assert.Equal(1.0, F1Score.Compute(new[,] { { 0.7f } }, y, F1Average.Micro, 0.7));
        Assert.Equal(0.0, F1Score.Compute(new[,] { { (double)0.7f } }, y, F1Average.Micro, 0.7));
    }

    [Fact]
    public void RankingMetricsAcceptLogitsAndTheirSigmoidGivesTheSameValues()
    {
        var (s, y) = MetricData.Random(21, 50, 8, 0.3, decimals: 2);
        var logits = MetricData.Map(s, p => 6 * (p - 0.5));
        var sigmoid = MetricData.Map(logits, x => 1 / (1 + Math.Exp(-x)));
        var ks = new[] { 1, 3 };
        var a = MultiLabelMetrics.Evaluate(logits, y, new MetricOptions { Ks = ks, Thresholds = MetricThresholds.Fixed(0) });
        var b = MultiLabelMetrics.Evaluate(sigmoid, y, new MetricOptions { Ks = ks, Thresholds = MetricThresholds.Fixed(0.5) });
        foreach (var (x, z) in a.NamedValues().Zip(b.NamedValues()))
            AssertClose(z.Value, x.Value, x.Key);
    }

    internal static void AssertClose(double expected, double actual, string what, double tolerance = 1e-12)
    {
        if (double.IsNaN(expected))
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}");
        else
            Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
    }
}

using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Tests.Metrics;

public class MetricAccumulatorTests
{
    private static int[] BatchSizes(int seed, int n)
    {
        var random = new Random(seed);
        var sizes = new List<int>();
        for (int left = n; left > 0;)
        {
            int b = Math.Min(left, random.Next(1, 17));
            sizes.Add(b);
            left -= b;
        }
        return [.. sizes];
    }

    private static void AssertSameReport(MetricReport expected, MetricReport actual)
    {
        Assert.Equal(expected.Samples, actual.Samples);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Thresholds, actual.Thresholds);
        var a = expected.NamedValues();
        var b = actual.NamedValues();
        Assert.Equal(a.Select(p => p.Key), b.Select(p => p.Key));
        foreach (var (x, z) in a.Zip(b))
            Assert.True(x.Value.Equals(z.Value), $"{x.Key}: one-shot {x.Value}, accumulated {z.Value}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AccumulatedBatchesEqualOneShotEvaluation(int seed)
    {
        var (s, y) = MetricData.Random(seed, 97, 11, 0.25, 2);
        var f = MetricData.ToFloat(s);
        var options = new MetricOptions { Thresholds = MetricThresholds.Fixed(0.4), Ks = [1, 3, 11] };
        var doubles = new MetricAccumulator();
        var floats = new MetricAccumulator();
        int first = 0;
        foreach (int b in BatchSizes(seed, 97))
        {
            doubles.Add(MetricData.Rows(s, first, b), MetricData.Rows(y, first, b));
            floats.Add(MetricData.Rows(f, first, b), MetricData.Rows(y, first, b));
            first += b;
        }
        Assert.Equal(97, doubles.Count);
        Assert.Equal(11, doubles.LabelCount);
        AssertSameReport(MultiLabelMetrics.Evaluate(s, y, options), doubles.Evaluate(options));
        AssertSameReport(MultiLabelMetrics.Evaluate(f, y, options), floats.Evaluate(options));
        AssertSameReport(MultiLabelMetrics.Evaluate(s, y), doubles.Evaluate());

        Assert.Equal(ThresholdSelection.OnValidation(s, y), doubles.ChooseThresholds(ThresholdRule.Validation));
        Assert.Equal(ThresholdSelection.Oracle(f, y), floats.ChooseThresholds(ThresholdRule.OracleThreshold));
    }

    [Fact]
    public void RowsAreCopiedSoTheCallerMayReuseItsArrays()
    {
        var (s, y) = MetricData.Random(5, 20, 4, 0.4, 2);
        var accumulator = new MetricAccumulator();
        var batchScores = MetricData.Rows(s, 0, 10);
        var batchTruth = MetricData.Rows(y, 0, 10);
        accumulator.Add(batchScores, batchTruth);
        var second = MetricData.Rows(s, 10, 10);
        var secondTruth = MetricData.Rows(y, 10, 10);
        Array.Copy(second, batchScores, second.Length);
        Array.Copy(secondTruth, batchTruth, secondTruth.Length);
        accumulator.Add(batchScores, batchTruth);
        AssertSameReport(MultiLabelMetrics.Evaluate(s, y), accumulator.Evaluate());
    }

    [Fact]
    public void PrecisionsCannotBeMixedAndLabelCountsMustAgree()
    {
        var accumulator = new MetricAccumulator();
        accumulator.Add(new double[2, 3], new int[2, 3]);
        var e = Assert.Throws<ArgumentException>(() => accumulator.Add(new float[2, 3], new int[2, 3]));
        Assert.Equal("scores", e.ParamName);
        Assert.Contains("float64", e.Message);
        e = Assert.Throws<ArgumentException>(() => accumulator.Add(new double[2, 4], new int[2, 4]));
        Assert.Equal("scores", e.ParamName);
        Assert.Contains("[2, 4]", e.Message);
        Assert.Contains("3 labels", e.Message);
        Assert.Equal(2, accumulator.Count);

        accumulator.Clear();
        Assert.Equal(0, accumulator.Count);
        Assert.Null(accumulator.LabelCount);
        accumulator.Add(new float[1, 4], new int[1, 4]);
        Assert.Equal(4, accumulator.LabelCount);
    }

    [Fact]
    public void EmptyAccumulatorAndFixedRuleAreRejected()
    {
        var accumulator = new MetricAccumulator();
        Assert.Throws<InvalidOperationException>(() => accumulator.Evaluate());
        Assert.Throws<InvalidOperationException>(() => accumulator.ChooseThresholds(ThresholdRule.Validation));
        accumulator.Add(new double[2, 3], new int[2, 3]);
        Assert.Equal("rule", Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.ChooseThresholds(ThresholdRule.Fixed)).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.ChooseThresholds((ThresholdRule)9)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.Evaluate(new MetricOptions { Ks = [4] }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("k = 4", e.Message);
        Assert.Contains("C = 3", e.Message);
    }
}

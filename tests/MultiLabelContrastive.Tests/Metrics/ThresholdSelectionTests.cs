using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Tests.Metrics;

public class ThresholdSelectionTests
{
    private static readonly (F1Average Average, bool PresentOnly)[] Conventions =
        [(F1Average.Micro, false), (F1Average.MacroMean, false), (F1Average.MacroMean, true), (F1Average.MacroCaml, false)];

    /// <summary>Brute force: evaluate every candidate, keep the first maximum.</summary>
    private static double BruteForce(double[,] s, int[,] y, F1Average average, bool presentOnly)
    {
        double best = double.NaN, bestValue = double.NegativeInfinity;
        foreach (double t in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 })
        {
            double v = F1Score.Compute(s, y, average, t, presentOnly);
            if (v > bestValue + 1e-12)
            {
                best = t;
                bestValue = v;
            }
        }
        return best;
    }

    [Fact]
    public void CandidatesAreOneTenthToNineTenths() =>
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], ThresholdSelection.Candidates);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ValidationPicksTheBestCandidatePerMetric(int seed)
    {
        var (s, y) = MetricData.Random(seed, 80, 12, positiveRate: 0.15 + 0.1 * seed, decimals: 3);
        var thresholds = ThresholdSelection.OnValidation(s, y);
        Assert.Equal(ThresholdRule.Validation, thresholds.Rule);
        Assert.False(thresholds.IsOptimistic);
        foreach (var (average, presentOnly) in Conventions)
        {
            double expected = BruteForce(s, y, average, presentOnly);
            Assert.Equal(expected, thresholds.For(average, presentOnly));
            Assert.Equal(expected, ThresholdSelection.Choose(s, y, average, presentOnly));
            Assert.Equal(expected, ThresholdSelection.Choose(MetricData.ToFloat(s), y, average, presentOnly));
        }
    }

    [Fact]
    public void AKnownBestThresholdIsFound()
    {
        // Positives score 0.75, negatives 0.65 or 0.25: only thresholds 0.7 separate them perfectly.
        double[,] s = { { 0.75, 0.25 }, { 0.65, 0.75 }, { 0.25, 0.65 }, { 0.75, 0.75 } };
        int[,] y = { { 1, 0 }, { 0, 1 }, { 0, 0 }, { 1, 1 } };
        foreach (var (average, presentOnly) in Conventions)
            Assert.Equal(0.7, ThresholdSelection.Choose(s, y, average, presentOnly));
    }

    [Fact]
    public void TiesGoToTheLowestThreshold()
    {
        // Perfect separation at every candidate: all nine tie at F1 = 1.
        double[,] s = { { 0.95, 0.05 }, { 0.05, 0.95 }, { 0.95, 0.95 } };
        int[,] y = { { 1, 0 }, { 0, 1 }, { 1, 1 } };
        var thresholds = ThresholdSelection.OnValidation(s, y);
        foreach (var (average, presentOnly) in Conventions)
            Assert.Equal(0.1, thresholds.For(average, presentOnly));
        // Separation at 0.5..0.7 only: the tie goes to 0.5.
        double[,] s2 = { { 0.75, 0.45 }, { 0.45, 0.75 } };
        int[,] y2 = { { 1, 0 }, { 0, 1 } };
        Assert.Equal(0.5, ThresholdSelection.Choose(s2, y2, F1Average.Micro));
    }

    [Fact]
    public void OracleIsLabelledOptimisticAndTheReportCarriesIt()
    {
        var (s, y) = MetricData.Random(7, 60, 10, 0.3, 3);
        var oracle = ThresholdSelection.Oracle(s, y);
        Assert.Equal(ThresholdRule.OracleThreshold, oracle.Rule);
        Assert.True(oracle.IsOptimistic);
        Assert.Contains("optimistic", oracle.ToString());
        Assert.Equal(ThresholdSelection.OnValidation(s, y), oracle, new SameValuesComparer());  // same choice, other label
        var report = MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Thresholds = oracle });
        Assert.True(report.Thresholds.IsOptimistic);
        // Chosen on the evaluated split, the oracle is never worse there than any fixed candidate.
        foreach (double t in ThresholdSelection.Candidates)
        {
            var fixedReport = MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Thresholds = MetricThresholds.Fixed(t) });
            Assert.True(report.MicroF1 >= fixedReport.MicroF1);
            Assert.True(report.MacroF1Mean >= fixedReport.MacroF1Mean);
            Assert.True(report.MacroF1Caml >= fixedReport.MacroF1Caml);
        }
    }

    [Fact]
    public void ValidationThresholdsAreAppliedUnchangedToTheTestSplitPerMetric()
    {
        var (vs, vy) = MetricData.Random(8, 70, 15, 0.2, 3);
        var (ts, ty) = MetricData.Random(9, 50, 15, 0.2, 3);
        var thresholds = ThresholdSelection.OnValidation(vs, vy);
        var report = MultiLabelMetrics.Evaluate(ts, ty, new MetricOptions { Thresholds = thresholds });
        Assert.Same(thresholds, report.Thresholds);
        Assert.Equal(F1Score.Compute(ts, ty, F1Average.Micro, thresholds.ForMicroF1), report.MicroF1);
        Assert.Equal(F1Score.Compute(ts, ty, F1Average.MacroMean, thresholds.ForMacroF1Mean), report.MacroF1Mean);
        Assert.Equal(F1Score.Compute(ts, ty, F1Average.MacroMean, thresholds.ForMacroF1MeanLabelsPresentOnly, labelsPresentOnly: true),
            report.MacroF1MeanLabelsPresentOnly);
        Assert.Equal(F1Score.Compute(ts, ty, F1Average.MacroCaml, thresholds.ForMacroF1Caml), report.MacroF1Caml);
        Assert.Equal(PrecisionRecall.Micro(ts, ty, thresholds.ForMicroF1), (report.MicroPrecision, report.MicroRecall));
        Assert.Equal(PrecisionRecall.Macro(ts, ty, thresholds.ForMacroF1Caml), (report.MacroPrecision, report.MacroRecall));
    }

    [Fact]
    public void FixedThresholdsAreTheSameForEveryMetric()
    {
        var t = MetricThresholds.Fixed(0.3);
        Assert.Equal(ThresholdRule.Fixed, t.Rule);
        Assert.All(Conventions, c => Assert.Equal(0.3, t.For(c.Average, c.PresentOnly)));
        Assert.Equal(0.5, MetricThresholds.Fixed().ForMicroF1);
        Assert.Equal(0.5, new MetricOptions().Thresholds.ForMacroF1Caml);
    }

    [Fact]
    public void WithoutAnyPresentLabelThePresentOnlyThresholdIsTheLowestCandidate()
    {
        double[,] s = { { 0.2, 0.7 }, { 0.9, 0.4 } };
        int[,] y = { { 0, 0 }, { 0, 0 } };
        Assert.Equal(0.1, ThresholdSelection.Choose(s, y, F1Average.MacroMean, labelsPresentOnly: true));
        Assert.True(double.IsNaN(F1Score.Compute(s, y, F1Average.MacroMean, 0.5, labelsPresentOnly: true)));
    }

    private sealed class SameValuesComparer : IEqualityComparer<MetricThresholds>
    {
        public bool Equals(MetricThresholds? a, MetricThresholds? b) =>
            a!.ForMicroF1 == b!.ForMicroF1 && a.ForMacroF1Mean == b.ForMacroF1Mean
            && a.ForMacroF1MeanLabelsPresentOnly == b.ForMacroF1MeanLabelsPresentOnly && a.ForMacroF1Caml == b.ForMacroF1Caml;

        public int GetHashCode(MetricThresholds t) => 0;
    }
}

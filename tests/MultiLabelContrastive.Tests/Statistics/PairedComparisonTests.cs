using MultiLabelContrastive.Statistics;

namespace MultiLabelContrastive.Tests.Statistics;

public class PairedComparisonTests
{
    [Fact]
    public void PairedTTestMatchesAHandComputedExample()
    {
        // d = 1, 2, 3, 4, 5: mean 3, sd √2.5, t = 3 / (√2.5/√5) = 3√2 ≈ 4.2426, df 4 → two-sided p ≈ 0.01324 (R: t.test).
        var r = PairedComparison.Compute([11, 12, 13, 14, 15], [10, 10, 10, 10, 10]);
        Assert.Equal(3, r.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(2.5), r.StdDifference, 12);
        Assert.Equal(3 * Math.Sqrt(2), r.TStatistic, 10);
        Assert.Equal(0.013236, r.TTestPValue, 5);
    }

    [Fact]
    public void SignFlipTestIsExact()
    {
        // All five differences positive: only the identity and the all-flipped assignment reach |Σd| = 15 → 2/32.
        var r = PairedComparison.Compute([11, 12, 13, 14, 15], [10, 10, 10, 10, 10]);
        Assert.Equal(2.0 / 32, r.PermutationPValue, 12);
        // Differences +1, −1, +1, −1: the observed sum 0 is reached by every assignment → p = 1.
        Assert.Equal(1.0, PairedComparison.Compute([1, 0, 1, 0], [0, 1, 0, 1]).PermutationPValue, 12);
    }

    [Fact]
    public void IdenticalResultsGiveNoEvidence()
    {
        var r = PairedComparison.Compute([0.5, 0.6, 0.7], [0.5, 0.6, 0.7]);
        Assert.Equal(0, r.TStatistic);
        Assert.Equal(1, r.TTestPValue);
        Assert.Equal(1, r.PermutationPValue);
    }

    [Fact]
    public void BadInputIsRejectedWithTheArgumentName()
    {
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => PairedComparison.Compute([1, 2, 3], [1, 2])).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => PairedComparison.Compute([1], [1])).ParamName);
        Assert.Contains("a[1]", Assert.Throws<ArgumentException>(() => PairedComparison.Compute([1, double.NaN], [1, 2])).Message);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MeanStd.Of([])).ParamName);
    }

    [Fact]
    public void MeanStdUsesTheSampleStandardDeviation()
    {
        var m = MeanStd.Of([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5, m.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), m.Std, 12);
        Assert.Equal("5.00 ± 2.14", m.ToString());
    }
}

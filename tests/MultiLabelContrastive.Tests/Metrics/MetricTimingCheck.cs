using System.Diagnostics;
using MultiLabelContrastive.Metrics;
using Xunit.Abstractions;

namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>
/// Manual timing check of the full evaluation at MIMIC scale (not a timed test: nothing asserts a duration).
/// By default it runs a small matrix in CI; set MLC_METRICS_TIMING=10000x9000 to run the 10,000 × 9,000 check:
/// <code>MLC_METRICS_TIMING=10000x9000 dotnet test tests/MultiLabelContrastive.Tests -c Release --filter "FullyQualifiedName~MetricTimingCheck" --logger "console;verbosity=detailed"</code>
/// Use -c Release: a Debug build runs the generic-math kernels unoptimised, about 10× slower.
/// </summary>
public class MetricTimingCheck(ITestOutputHelper output)
{
    [Fact]
    public void EvaluatesALargeSparseMatrix()
    {
        var size = (Environment.GetEnvironmentVariable("MLC_METRICS_TIMING") ?? "400x300").Split('x');
        int n = int.Parse(size[0]), c = int.Parse(size[1]);
        var clock = Stopwatch.StartNew();
        var (scores, truth) = Sparse(n, c, labelsPerSample: 15, seed: 1);
        output.WriteLine($"{n} × {c}: generated in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        var thresholds = ThresholdSelection.OnValidation(scores, truth);
        output.WriteLine($"threshold selection (9 candidates): {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var report = MultiLabelMetrics.Evaluate(scores, truth, new MetricOptions { Thresholds = thresholds, Ks = [1, 5, 8, 15] });
        output.WriteLine($"MultiLabelMetrics.Evaluate: {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (name, value) in report.NamedValues()) output.WriteLine($"  {name} = {value:G6}");

        Assert.Equal(n, report.Samples);
        Assert.InRange(report.MicroAuc, 0.6, 1);  // positives are scored higher on average
        Assert.InRange(report.MacroAuc, 0.6, 1);
        Assert.All(report.NamedValues().Where(p => !p.Key.Contains("Labels")), p => Assert.InRange(p.Value, 0, 1));
    }

    /// <summary>Scores in [0, 1) with 6 decimals, about <paramref name="labelsPerSample"/> positives per row, positives higher.</summary>
    private static (double[,] Scores, int[,] Truth) Sparse(int n, int c, int labelsPerSample, int seed)
    {
        var scores = new double[n, c];
        var truth = new int[n, c];
        double rate = Math.Min(0.5, (double)labelsPerSample / c);
        Parallel.For(0, n, i =>
        {
            ulong state = (ulong)(seed * 1_000_003L + i) * 0x9E3779B97F4A7C15UL;
            for (int j = 0; j < c; j++)
            {
                int y = Uniform(ref state) < rate ? 1 : 0;
                truth[i, j] = y;
                scores[i, j] = Math.Round(Math.Min(0.999999, Uniform(ref state) * 0.7 + 0.3 * y), 6);
            }
        });
        return (scores, truth);
    }

    /// <summary>SplitMix64 (independent streams per row, unlike System.Random seeded with consecutive integers).</summary>
    private static double Uniform(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }
}

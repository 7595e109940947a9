using System.Diagnostics;
using System.Globalization;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>Median and spread of repeated timings, plus the peak memory of one extra step.</summary>
/// <param name="Samples">Wall-clock milliseconds of each timed step.</param>
/// <param name="PeakBytes">Peak extra resident memory of one step (null: not measurable here).</param>
public sealed record Timing(IReadOnlyList<double> Samples, long? PeakBytes)
{
    /// <summary>Median milliseconds.</summary>
    public double Median => Quantile(0.5);

    /// <summary>Half the interquartile range relative to the median, in percent (the "±" of the tables).</summary>
    public double SpreadPercent => Median > 0 ? 50 * (Quantile(0.75) - Quantile(0.25)) / Median : 0;

    /// <summary>"12.3 ms ±4%".</summary>
    public string Describe() => $"{Ms(Median)} ±{SpreadPercent.ToString("0", CultureInfo.InvariantCulture)}%";

    /// <summary>Milliseconds with 3 significant figures.</summary>
    public static string Ms(double ms) => ms >= 100
        ? ms.ToString("0", CultureInfo.InvariantCulture)
        : ms >= 10 ? ms.ToString("0.0", CultureInfo.InvariantCulture) : ms.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Megabytes, or "n/a".</summary>
    public static string Mb(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Runs <paramref name="warmup"/> untimed steps, <paramref name="repeats"/> timed steps and one memory step.</summary>
    /// <remarks>
    /// Slow steps get fewer timed repeats: at most 5 when a warm-up step takes over 1 s, 3 over 5 s. Fast ones get
    /// three times as many when a warm-up step takes under 100 ms: their medians are the most exposed to a shared
    /// machine's background load, and the extra runs cost little.
    /// </remarks>
    public static Timing Measure(Action step, int warmup, int repeats) => MeasurePaired(step, null, warmup, repeats).First;

    /// <summary>
    /// Times two steps alternately (first, second, first, second, …) so that both see the same background load on a
    /// shared machine; the ratio is the median over the repeats of second / first.
    /// </summary>
    public static (Timing First, Timing Second, double Ratio) MeasurePaired(Action first, Action? second, int warmup, int repeats)
    {
        var clock = Stopwatch.StartNew();
        double slowest = 0;
        for (int i = 0; i < warmup; i++)
        {
            clock.Restart();
            first();
            second?.Invoke();
            slowest = Math.Max(slowest, clock.Elapsed.TotalSeconds);
        }
        if (slowest > 1) repeats = Math.Min(repeats, slowest > 5 ? 3 : 5);
        else if (warmup > 0 && slowest < 0.1) repeats *= 3;
        var a = new double[repeats];
        var b = new double[second is null ? 0 : repeats];
        for (int i = 0; i < repeats; i++)
        {
            clock.Restart();
            first();
            a[i] = clock.Elapsed.TotalMilliseconds;
            if (second is null) continue;
            clock.Restart();
            second();
            b[i] = clock.Elapsed.TotalMilliseconds;
        }
        var firstTiming = new Timing(a, PeakMemory.Measure(first));
        if (second is null) return (firstTiming, firstTiming, 1);
        var secondTiming = new Timing(b, PeakMemory.Measure(second));
        var ratio = new Timing(a.Zip(b, (x, y) => y / x).ToArray(), null).Median;
        return (firstTiming, secondTiming, ratio);
    }

    private double Quantile(double q)
    {
        var sorted = Samples.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position), hi = (int)Math.Ceiling(position);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
    }
}

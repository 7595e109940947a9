using MathNet.Numerics.Distributions;

namespace MultiLabelContrastive.Statistics;

/// <summary>
/// The result of comparing two methods run on the same seeds (paired samples a_i, b_i).
/// </summary>
/// <param name="Count">Number of pairs n.</param>
/// <param name="MeanDifference">Mean of d_i = a_i − b_i.</param>
/// <param name="StdDifference">Sample standard deviation of d (n − 1 denominator).</param>
/// <param name="TStatistic">t = mean(d) / (sd(d) / √n); ±∞ when every difference is equal and non-zero, 0 when all are 0.</param>
/// <param name="TTestPValue">Two-sided p-value of the paired t-test (Student t with n − 1 degrees of freedom).</param>
/// <param name="PermutationPValue">
/// Two-sided p-value of the exact paired sign-flip permutation test: the share of the 2^n sign assignments whose
/// |Σ ±d_i| is at least the observed |Σ d_i|. Distribution-free; with n = 5 its smallest value is 2/32 = 0.0625.
/// </param>
public sealed record PairedComparison(int Count, double MeanDifference, double StdDifference, double TStatistic, double TTestPValue, double PermutationPValue)
{
    /// <summary>Compares paired results: typically one metric of method A and method B over the same seeds.</summary>
    /// <param name="a">Results of method A, one per seed.</param>
    /// <param name="b">Results of method B on the same seeds, in the same order.</param>
    /// <exception cref="ArgumentException">Different lengths, fewer than 2 pairs, more than 20 pairs (exact test) or a non-finite value.</exception>
    public static PairedComparison Compute(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"a has {a.Count} values but b has {b.Count}; they must be paired.", nameof(b));
        if (a.Count < 2) throw new ArgumentException($"Need at least 2 pairs; got {a.Count}.", nameof(a));
        if (a.Count > 20) throw new ArgumentException($"The exact permutation test enumerates 2^n sign flips; n = {a.Count} exceeds 20.", nameof(a));
        for (int i = 0; i < a.Count; i++)
        {
            if (!double.IsFinite(a[i])) throw new ArgumentException($"a[{i}] is {a[i]}.", nameof(a));
            if (!double.IsFinite(b[i])) throw new ArgumentException($"b[{i}] is {b[i]}.", nameof(b));
        }

        int n = a.Count;
        var d = Enumerable.Range(0, n).Select(i => a[i] - b[i]).ToArray();
        double mean = d.Average();
        double sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        double t, pT;
        if (sd == 0)
        {
            t = mean == 0 ? 0 : mean > 0 ? double.PositiveInfinity : double.NegativeInfinity;
            pT = mean == 0 ? 1 : 0;
        }
        else
        {
            t = mean / (sd / Math.Sqrt(n));
            pT = 2 * (1 - StudentT.CDF(0, 1, n - 1, Math.Abs(t)));
        }
        return new PairedComparison(n, mean, sd, t, pT, SignFlipPValue(d));
    }

    private static double SignFlipPValue(double[] d)
    {
        double observed = Math.Abs(d.Sum());
        double tolerance = 1e-12 * Math.Max(1, d.Sum(Math.Abs));
        int n = d.Length, extreme = 0, total = 1 << n;
        for (int signs = 0; signs < total; signs++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += ((signs >> i) & 1) == 1 ? -d[i] : d[i];
            if (Math.Abs(s) >= observed - tolerance) extreme++;
        }
        return (double)extreme / total;
    }
}

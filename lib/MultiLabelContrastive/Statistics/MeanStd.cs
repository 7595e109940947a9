namespace MultiLabelContrastive.Statistics;

/// <summary>Mean and sample standard deviation (n − 1 denominator) of repeated runs, as the tables print them.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Std">The sample standard deviation; 0 for a single value.</param>
/// <param name="Count">Number of values.</param>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Mean and standard deviation of the values.</summary>
    /// <exception cref="ArgumentException">No values, or a non-finite value.</exception>
    public static MeanStd Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("Need at least one value.", nameof(values));
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"values[{i}] is {values[i]}.", nameof(values));
        double mean = values.Average();
        double std = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Count - 1));
        return new MeanStd(mean, std, values.Count);
    }

    /// <summary>"mean ± std" with the given number of decimals.</summary>
    public string ToString(int decimals) => $"{Math.Round(Mean, decimals).ToString("F" + decimals)} ± {Math.Round(Std, decimals).ToString("F" + decimals)}";

    /// <inheritdoc />
    public override string ToString() => ToString(2);
}

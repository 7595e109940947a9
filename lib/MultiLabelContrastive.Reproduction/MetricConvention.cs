using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// How a paper metric name maps onto our <see cref="MetricReport"/>: values in percent, and the macro-F1 convention
/// the table is read with (MIMIC tables: the ICD-coding papers' <c>MacroF1Caml</c>; image and AAPD tables:
/// scikit-learn's <c>MacroF1Mean</c>; see notebooks/paper-results/README.md).
/// </summary>
/// <param name="MacroF1">The convention used for the paper's "MacroF1".</param>
public sealed record MetricConvention(F1Average MacroF1)
{
    /// <summary>The convention for a dataset name: MacroF1Caml for MIMIC, MacroF1Mean otherwise.</summary>
    public static MetricConvention For(string dataset) =>
        new(dataset.StartsWith("MIMIC", StringComparison.OrdinalIgnoreCase) ? F1Average.MacroCaml : F1Average.MacroMean);

    /// <summary>The k values of the P@k metrics among <paramref name="metrics"/>.</summary>
    public static int[] Ks(IEnumerable<string> metrics) =>
        metrics.Where(m => m.StartsWith("P@", StringComparison.Ordinal)).Select(m => int.Parse(m[2..])).Distinct().Order().ToArray();

    /// <summary>The value of a paper metric in our report, in percent.</summary>
    /// <exception cref="ArgumentException">A metric name the tables do not use.</exception>
    public double Value(MetricReport report, string metric) => 100 * (metric switch
    {
        "MicroF1" => report.MicroF1,
        "MacroF1" => MacroF1 == F1Average.MacroCaml ? report.MacroF1Caml : report.MacroF1Mean,
        "mAP" => report.MeanAveragePrecision,
        "MicroAUC" => report.MicroAuc,
        "MacroAUC" => report.MacroAuc,
        _ when metric.StartsWith("P@", StringComparison.Ordinal) => report.PrecisionAtK[int.Parse(metric[2..])],
        _ => throw new ArgumentException($"Unknown paper metric '{metric}'.", nameof(metric)),
    });

    /// <summary>The name of our value for a paper metric, e.g. "MacroF1Caml" for "MacroF1".</summary>
    public string OurName(string metric) => metric == "MacroF1" ? (MacroF1 == F1Average.MacroCaml ? "MacroF1Caml" : "MacroF1Mean") : metric;
}

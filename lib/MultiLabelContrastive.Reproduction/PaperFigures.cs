using MultiLabelContrastive.Display;
using MultiLabelContrastive.Statistics;
using Plotly.NET;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// The paper's figures, redrawn from its printed numbers (notebooks/paper-results/) beside the same figure from our runs:
/// journal Fig. 2 (SD's relative gain over MulSupCon, micro- vs macro-F1), Fig. 3 (the standard deviation across the
/// four losses on the image sets), Fig. 4 (RoBERTa vs Llama on AAPD) and conference Fig. 2 (micro-F1 of every loss on
/// the top-50 code settings).
/// </summary>
public static class PaperFigures
{
    private static readonly string[] Four = ["All", "Any", "MulSupCon", "SimilarityDissimilarity"];

    /// <summary>Journal Fig. 2: (SD − MulSupCon) / MulSupCon × 100 on micro- and macro-F1, per dataset; ours with SD weighted.</summary>
    public static GenericChart GainOverMulSupCon(IReadOnlyList<PaperNumber> paper, IReadOnlyList<ComparisonRow> ours)
    {
        var datasets = paper.Select(p => p.Dataset).Distinct().ToList();
        var encoder = paper[0].Encoder;
        double PaperGain(string d, string metric) => Relative(Value(paper, d, encoder, "SimilarityDissimilarity", metric), Value(paper, d, encoder, "MulSupCon", metric));
        double OurGain(string d, string metric) => Relative(Ours(ours, d, "SdWeighted", metric), Ours(ours, d, "MulSupCon", metric));
        return Charts.Bars($"Journal Fig. 2: relative gain of SD over MulSupCon<br><sub>(SD − MulSupCon) / MulSupCon × 100 · paper: {encoder} · ours: SD weighted, {DataOf(ours)}</sub>", datasets,
        [
            new BarSeries("paper · micro-F1", datasets.Select(d => PaperGain(d, "MicroF1")).ToArray()),
            new BarSeries("paper · macro-F1", datasets.Select(d => PaperGain(d, "MacroF1")).ToArray()),
            new BarSeries("ours · micro-F1", datasets.Select(d => OurGain(d, "MicroF1")).ToArray()),
            new BarSeries("ours · macro-F1", datasets.Select(d => OurGain(d, "MacroF1")).ToArray()),
        ], "relative gain (%)", "dataset").Sized(900, 460);
    }

    /// <summary>Journal Fig. 3: the sample standard deviation of the four losses' values (ALL, ANY, MulSupCon, SD), per
    /// dataset and metric; ours over our four (SD weighted), from the means over seeds.</summary>
    public static GenericChart StdAcrossLosses(IReadOnlyList<PaperNumber> paper, IReadOnlyList<ComparisonRow> ours)
    {
        var datasets = paper.Select(p => p.Dataset).Distinct().ToList();
        var metrics = paper.Select(p => p.Metric).Distinct().ToList();
        var encoder = paper[0].Encoder;
        var series = new List<BarSeries>();
        foreach (var m in metrics)
            series.Add(new BarSeries($"paper · {m}", datasets.Select(d => Std(Four.Select(l => Value(paper, d, encoder, l, m)))).ToArray()));
        foreach (var m in metrics)
            series.Add(new BarSeries($"ours · {m}", datasets.Select(d => Std(new[] { "All", "Any", "MulSupCon", "SdWeighted" }.Select(l => Ours(ours, d, l, m)))).ToArray()));
        return Charts.Bars($"Journal Fig. 3: standard deviation across the four losses<br><sub>sample std (n − 1) of ALL, ANY, MulSupCon, SD · paper: {encoder} · ours: {DataOf(ours)}</sub>", datasets,
            series, "std across losses (points)", "dataset").Sized(900, 460);
    }

    /// <summary>Journal Fig. 4: micro- and macro-F1 of every loss on AAPD for RoBERTa and Llama, beside our encoder.</summary>
    public static GenericChart EncodersOnAapd(IReadOnlyList<PaperNumber> paper, IReadOnlyList<ComparisonRow> ours)
    {
        var losses = Four.Select(WideTables.Label).ToList();
        var series = new List<BarSeries>();
        foreach (var metric in new[] { "MicroF1", "MacroF1" })
            foreach (var encoder in paper.Select(p => p.Encoder).Distinct())
                series.Add(new BarSeries($"paper · {encoder} · {metric}", Four.Select(l => Value(paper, "AAPD", encoder, l, metric)).ToArray()));
        foreach (var metric in new[] { "MicroF1", "MacroF1" })
            series.Add(new BarSeries($"ours · {string.Join("/", ours.Select(r => r.OurEncoder).Distinct())} · {metric}",
                new[] { "All", "Any", "MulSupCon", "SdWeighted" }.Select(l => Ours(ours, "AAPD", l, metric)).ToArray()));
        return Charts.Bars($"Journal Fig. 4: RoBERTa and Llama on AAPD, micro- and macro-F1<br><sub>paper: its two encoders · ours: {DataOf(ours)}, SD = SD weighted</sub>", losses,
            series, "percent", "loss").Sized(960, 480);
    }

    /// <summary>Conference Fig. 2: micro-F1 of every loss on the top-50 settings. The conference prints the figure without
    /// its numbers, so the paper's side is the journal's Table V (same settings), for the encoder named.</summary>
    public static GenericChart TopFiftyMicroF1(IReadOnlyList<PaperNumber> journalTableV, IReadOnlyList<ComparisonRow> ours, string encoder = "PLM-ICD")
    {
        var datasets = journalTableV.Select(p => p.Dataset).Distinct().ToList();
        var series = new List<BarSeries>();
        foreach (var loss in Four)
            series.Add(new BarSeries($"paper · {WideTables.Label(loss)}", datasets.Select(d => Value(journalTableV, d, encoder, loss, "MicroF1")).ToArray()));
        foreach (var loss in new[] { "All", "Any", "MulSupCon", "SdWeighted" })
            series.Add(new BarSeries($"ours · {WideTables.Label(loss)}", datasets.Select(d => Ours(ours, d, loss, "MicroF1")).ToArray()));
        return Charts.Bars($"Conference Fig. 2: micro-F1 of every loss on the top-50 settings<br><sub>paper: {encoder}, values of journal Table V (the conference prints none) · ours: {DataOf(ours)}</sub>", datasets,
            series, "micro-F1 (%)", "dataset").Sized(960, 480);
    }

    private static double Value(IReadOnlyList<PaperNumber> paper, string dataset, string encoder, string loss, string metric) =>
        paper.FirstOrDefault(p => p.Dataset == dataset && p.Encoder == encoder && p.Loss == loss && p.Metric == metric)?.Value ?? double.NaN;

    private static double Ours(IReadOnlyList<ComparisonRow> ours, string dataset, string loss, string metric) =>
        ours.FirstOrDefault(r => r.Dataset == dataset && r.Loss == loss && (r.Metric == metric || r.Metric.StartsWith(metric + " (", StringComparison.Ordinal)))?.Ours ?? double.NaN;

    private static double Relative(double value, double baseline) => Math.Round(100 * (value - baseline) / baseline, 2);

    private static double Std(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.All(double.IsFinite) ? Math.Round(MeanStd.Of(list).Std, 2) : double.NaN;
    }

    private static string DataOf(IReadOnlyList<ComparisonRow> ours) => ours.Count == 0 ? "no runs" : string.Join(", ", ours.Select(r => r.Data).Distinct());
}

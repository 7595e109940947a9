using System.Globalization;
using MultiLabelContrastive.Display;
using MultiLabelContrastive.Statistics;
using Plotly.NET;

namespace MultiLabelContrastive.Reproduction;

/// <summary>The paper's numbers beside ours: side-by-side rows, the SD-minus-baseline gains, charts and a verdict.</summary>
public static class ResultTables
{
    /// <summary>The paper's loss row our loss is compared with.</summary>
    public static string? PaperLoss(string ourLoss) => ourLoss switch
    {
        "All" or "Any" or "MulSupCon" => ourLoss,
        "SdLiteral" or "SdWeighted" => "SimilarityDissimilarity",
        _ => null,
    };

    /// <summary>The paper encoder to compare our encoder with: the same architecture when the paper has it
    /// (CNN for a text CNN, ResNet-50 for a ResNet, RoBERTa / Llama / PLM-ICD for a checkpoint of theirs), otherwise the
    /// first one printed.</summary>
    public static string ReferenceEncoder(IReadOnlyList<PaperNumber> paper, string dataset, string ourEncoder)
    {
        var encoders = paper.Where(p => p.Dataset == dataset).Select(p => p.Encoder).Distinct().ToList();
        if (encoders.Count == 0) throw new ArgumentException($"The paper has no numbers for '{dataset}'.", nameof(dataset));
        string? same = ourEncoder.Contains("TextCnn", StringComparison.OrdinalIgnoreCase) || ourEncoder.Contains("CNN", StringComparison.Ordinal) ? "CNN"
            : ourEncoder.Contains("ResNet", StringComparison.OrdinalIgnoreCase) ? "ResNet-50"
            : ourEncoder.StartsWith(PaperTextEncoder.Roberta + " ", StringComparison.Ordinal) ? PaperTextEncoder.Roberta
            : ourEncoder.StartsWith(PaperTextEncoder.Llama + " ", StringComparison.Ordinal) ? PaperTextEncoder.Llama
            : ourEncoder.StartsWith(PaperTextEncoder.PlmIcd + " ", StringComparison.Ordinal) ? PaperTextEncoder.PlmIcd : null;
        return same is not null && encoders.Contains(same) ? same : encoders[0];
    }

    /// <summary>Side-by-side rows for every (dataset, metric, loss) of our runs and the metrics the paper's table prints.</summary>
    /// <param name="paper">The paper's numbers of the table.</param>
    /// <param name="runs">Our runs.</param>
    /// <param name="metrics">The metrics to compare (null: those the paper's table prints for each dataset).</param>
    public static IReadOnlyList<ComparisonRow> SideBySide(IReadOnlyList<PaperNumber> paper, IReadOnlyList<RunRecord> runs, IReadOnlyList<string>? metrics = null)
    {
        var rows = new List<ComparisonRow>();
        foreach (var group in runs.GroupBy(r => (r.Dataset, r.Encoder)))
        {
            var (dataset, encoder) = group.Key;
            var convention = MetricConvention.For(dataset);
            var reference = ReferenceEncoder(paper, dataset, encoder);
            var compared = metrics ?? paper.Where(p => p.Dataset == dataset).Select(p => p.Metric).Distinct().ToList();
            foreach (var metric in compared)
                foreach (var loss in group.Select(r => r.Loss).Distinct())
                {
                    var values = group.Where(r => r.Loss == loss).Select(r => convention.Value(r.Report, metric)).ToList();
                    var stats = MeanStd.Of(values);
                    var paperLoss = PaperLoss(loss);
                    var printed = paper.Where(p => p.Dataset == dataset && p.Metric == metric && p.Loss == paperLoss).ToList();
                    double paperValue = printed.FirstOrDefault(p => p.Encoder == reference)?.Value ?? double.NaN;
                    var others = string.Join("; ", printed.Where(p => p.Encoder != reference).Select(p => $"{p.Encoder} {p.Value.ToString("0.00", CultureInfo.InvariantCulture)}"));
                    rows.Add(new ComparisonRow(group.First().IsSurrogate ? "surrogate data" : "real data", dataset,
                        metric == "MacroF1" ? $"MacroF1 ({convention.OurName(metric)})" : metric, loss, reference, paperValue, others, encoder,
                        Math.Round(stats.Mean, 2), Math.Round(stats.Std, 2), stats.Count, Math.Round(stats.Mean - paperValue, 2)));
                }
        }
        return rows;
    }

    /// <summary>One gain line: SD minus a baseline on one metric, ours (per SD form) and the paper's.</summary>
    /// <param name="Data">"surrogate data" or "real data".</param>
    /// <param name="Dataset">Dataset.</param>
    /// <param name="Metric">Metric.</param>
    /// <param name="Gain">"C-to-ALL", "C-to-ANY" or "C-to-Mul" as the conference Table 3 names them.</param>
    /// <param name="Paper">The paper's SD minus the baseline (reference encoder).</param>
    /// <param name="OursWeighted">Our SdWeighted minus the baseline (means over seeds).</param>
    /// <param name="OursLiteral">Our SdLiteral minus the baseline.</param>
    /// <param name="OurEncoder">Our encoder.</param>
    public sealed record GainRow(string Data, string Dataset, string Metric, string Gain, double Paper, double OursWeighted, double OursLiteral, string OurEncoder = "");

    /// <summary>The C-to-baseline gains (SD minus ALL, ANY and MulSupCon) on every metric, like the conference Table 3.</summary>
    public static IReadOnlyList<GainRow> Gains(IReadOnlyList<ComparisonRow> sideBySide)
    {
        var gains = new List<GainRow>();
        foreach (var cell in sideBySide.GroupBy(r => (r.Data, r.Dataset, r.Metric, r.OurEncoder)))
        {
            ComparisonRow? Row(string loss) => cell.FirstOrDefault(r => r.Loss == loss);
            foreach (var (baseline, name) in new[] { ("All", "C-to-ALL"), ("Any", "C-to-ANY"), ("MulSupCon", "C-to-Mul") })
            {
                var b = Row(baseline);
                var weighted = Row("SdWeighted");
                var literal = Row("SdLiteral");
                if (b is null || weighted is null || literal is null) continue;
                gains.Add(new GainRow(cell.Key.Data, cell.Key.Dataset, cell.Key.Metric, name, Math.Round(weighted.Paper - b.Paper, 2),
                    Math.Round(weighted.Ours - b.Ours, 2), Math.Round(literal.Ours - b.Ours, 2), cell.Key.OurEncoder));
            }
        }
        return gains;
    }

    /// <summary>
    /// A plain-text verdict: in how many (dataset, metric) cells (per encoder of ours, where a dataset ran several) the SD
    /// loss is best among the contrastive losses,
    /// in the paper (reference encoder) and in our runs (each SD form), and whether our SdLiteral runs equal ANY's.
    /// Cells in <paramref name="refused"/> (runs at chance, identical losses) are not counted, and the verdict says so.
    /// </summary>
    public static string Verdict(IReadOnlyList<ComparisonRow> sideBySide, IReadOnlyList<RunRecord> runs,
        IReadOnlyList<(string Dataset, string Metric, string Reason)>? refused = null)
    {
        refused ??= [];
        int cells = 0, paperBest = 0, weightedBest = 0, literalBest = 0, weightedClear = 0, skipped = 0;
        foreach (var cell in sideBySide.GroupBy(r => (r.Dataset, r.Metric, r.OurEncoder)))
        {
            var baselines = cell.Where(r => r.Loss is "All" or "Any" or "MulSupCon").ToList();
            var weighted = cell.FirstOrDefault(r => r.Loss == "SdWeighted");
            var literal = cell.FirstOrDefault(r => r.Loss == "SdLiteral");
            if (baselines.Count == 0 || weighted is null || literal is null) continue;
            if (refused.Any(c => c.Dataset == cell.Key.Dataset && c.Metric == cell.Key.Metric)) { skipped++; continue; }
            cells++;
            if (!double.IsNaN(weighted.Paper) && baselines.All(b => weighted.Paper > b.Paper)) paperBest++;
            var best = baselines.MaxBy(b => b.Ours)!;
            if (weighted.Ours > best.Ours) weightedBest++;
            if (weighted.Ours - best.Ours > Math.Max(weighted.OursStd, best.OursStd)) weightedClear++;
            if (literal.Ours > best.Ours) literalBest++;
        }
        var literalRuns = runs.Where(r => r.Loss == "SdLiteral").ToList();
        bool literalIsAny = literalRuns.Count > 0 && literalRuns.All(l => runs.Any(a => a.Loss == "Any" && a.Dataset == l.Dataset && a.Seed == l.Seed
            && a.Report.MicroF1 == l.Report.MicroF1 && a.Report.MeanAveragePrecision == l.Report.MeanAveragePrecision));
        var data = runs.All(r => r.IsSurrogate) ? "surrogate data" : runs.Any(r => r.IsSurrogate) ? "partly surrogate data" : "real data";
        var skippedLine = skipped == 0 ? null
            : $"{skipped} cell(s) not counted: our runs there are at chance or the losses are identical (see the chance check).";
        if (cells == 0)
            return string.Join(Environment.NewLine, new[] { $"No verdict: every one of the {skipped} cells is at chance or has identical losses in our runs ({data}); nothing here can support or contradict the paper." });
        return string.Join(Environment.NewLine, new[]
        {
            $"Counted: {cells} (dataset, metric) cells in which our runs are above chance.",
            $"Paper: SD beats ALL, ANY and MulSupCon in {paperBest} of these {cells} cells (its reference encoder).",
            $"Ours ({data}): SdWeighted is best in {weightedBest} of {cells} cells, by more than one standard deviation in {weightedClear}; " +
            $"SdLiteral (Eq. 13 as printed) is best in {literalBest}.",
            literalIsAny
                ? "SdLiteral and ANY gave identical metrics on every seed, as their identical gradients predict (notebook 02)."
                : "SdLiteral and ANY differ on some seed (non-deterministic kernels, or different data order).",
            weightedBest == cells && paperBest == cells
                ? "The paper's ordering (SD first) holds in every counted cell of our runs."
                : $"The paper's ordering (SD first) holds in {weightedBest} of {cells} counted cells of our runs for SdWeighted.",
            skippedLine,
        }.Where(l => l is not null));
    }

    /// <summary>Grouped bars for one dataset: one group per metric; our losses (mean ± one std over seeds) beside the
    /// paper's four losses for its reference encoder.</summary>
    public static GenericChart Chart(IReadOnlyList<ComparisonRow> sideBySide, IReadOnlyList<PaperNumber> paper, string dataset)
    {
        var all = sideBySide.Where(r => r.Dataset == dataset).ToList();
        var metrics = all.Select(r => r.Metric).Distinct().ToList();
        // One block per encoder of ours (a text table may run RoBERTa and Llama on the same dataset), each beside the
        // paper's rows of the encoder it is compared with.
        var groups = all.GroupBy(r => r.OurEncoder).ToList();
        var series = new List<BarSeries>();
        foreach (var group in groups)
        {
            var rows = group.ToList();
            var reference = rows[0].PaperEncoder;
            var tag = groups.Count > 1 ? $" {reference}" : "";
            series.AddRange(WideTables.OurLosses.Where(l => rows.Any(r => r.Loss == l)).Select(loss => new BarSeries($"ours{tag} · {WideTables.Label(loss)}",
                metrics.Select(m => rows.Single(r => r.Metric == m && r.Loss == loss).Ours).ToArray(),
                metrics.Select(m => rows.Single(r => r.Metric == m && r.Loss == loss).OursStd).ToArray())));
            foreach (var loss in WideTables.PaperLosses)
                series.Add(new BarSeries($"paper{tag} · {WideTables.Label(loss)}", metrics.Select(m =>
                    paper.FirstOrDefault(p => p.Dataset == dataset && p.Encoder == reference && p.Loss == loss && m.StartsWith(p.Metric, StringComparison.Ordinal)
                        && (m == p.Metric || m.StartsWith(p.Metric + " (", StringComparison.Ordinal)))?.Value ?? double.NaN).ToArray()));
        }
        var ours = string.Join(" / ", groups.Select(g => g.Key));
        var references = string.Join(" / ", groups.Select(g => g.First().PaperEncoder));
        return Charts.Bars($"{dataset}: ours beside the paper's four losses<br><sub>ours: {all[0].Data}, {ours}, mean ± std over {all[0].Seeds} seeds · paper: {references}</sub>",
                metrics, series, "percent", "metric")
            .Sized(960, 480);
    }

    /// <summary>The ordering of the four losses on one dataset: each loss minus the mean of the four (ALL, ANY, MulSupCon,
    /// SD), per metric, the paper's (reference encoder) beside ours (SD weighted). Levels differ (pretrained versus small
    /// encoders); the ordering is the comparable thing.</summary>
    public static GenericChart OrderingChart(IReadOnlyList<ComparisonRow> sideBySide, string dataset)
    {
        var all = sideBySide.Where(r => r.Dataset == dataset).ToList();
        var metrics = all.Select(r => r.Metric).Distinct().ToList();
        var ours = new[] { "All", "Any", "MulSupCon", "SdWeighted" };
        var groups = all.GroupBy(r => r.OurEncoder).ToList();
        var series = new List<BarSeries>();
        foreach (var group in groups)
        {
            var rows = group.ToList();
            var tag = groups.Count > 1 ? $" {rows[0].PaperEncoder}" : "";
            double Centered(string metric, string loss, bool paperSide)
            {
                var cell = rows.Where(r => r.Metric == metric).ToList();
                // A loss without runs (a sweep task or a partial store ran only some) leaves the metric's bars empty (NaN).
                double Value(string l) => cell.FirstOrDefault(r => r.Loss == l) is { } row ? paperSide ? row.Paper : row.Ours : double.NaN;
                return Math.Round(Value(loss) - ours.Average(Value), 2);
            }
            foreach (var (loss, i) in ours.Select((l, i) => (l, i)))
            {
                series.Add(new BarSeries($"paper{tag} · {WideTables.Label(WideTables.PaperLosses[i])}", metrics.Select(m => Centered(m, loss, true)).ToArray()));
                series.Add(new BarSeries($"ours{tag} · {WideTables.Label(loss)}", metrics.Select(m => Centered(m, loss, false)).ToArray()));
            }
        }
        return Charts.Bars($"{dataset}: ordering of the four losses, paper beside ours<br><sub>each loss minus the mean of the four, percentage points · paper: {string.Join(" / ", groups.Select(g => g.First().PaperEncoder))} · ours: {all[0].Data}</sub>",
                metrics, series, "points above the four-loss mean", "metric")
            .Sized(960, 480);
    }
}

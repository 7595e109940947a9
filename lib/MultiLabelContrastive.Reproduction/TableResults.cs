using System.Globalization;
using MultiLabelContrastive.Display;
using MultiLabelContrastive.Statistics;
using Plotly.NET;

namespace MultiLabelContrastive.Reproduction;

/// <summary>What <see cref="TablePlan.Run"/> returns: our runs of one results table, the paper's numbers beside them,
/// the chance check, the verdict and the charts.</summary>
public sealed class TableResults
{
    internal TableResults(TablePlan plan, IReadOnlyList<RunRecord> runs, IReadOnlyList<DataSourceRow> sources, bool paperEncoders)
    {
        Plan = plan;
        Runs = runs;
        Sources = sources;
        UsesPaperEncoders = paperEncoders;
        IsGainTable = plan.Metrics.All(m => m == "MicroF1Gain");
        SideBySide = ResultTables.SideBySide(plan.Paper, runs, IsGainTable ? ["MicroF1"] : null);
        Chance = ChanceCheck.Rows(runs);
    }

    /// <summary>The plan that produced these results.</summary>
    public TablePlan Plan { get; }

    /// <summary>Every run (dataset, loss, seed) with its test metrics.</summary>
    public IReadOnlyList<RunRecord> Runs { get; }

    /// <summary>The datasets that have runs, in the paper's order (a partial sweep may lack some of the plan's).</summary>
    public IReadOnlyList<string> Datasets => Plan.Datasets.Where(d => Runs.Any(r => r.Dataset == d)).ToList();

    /// <summary>How many seeds the runs have (those of the options, or, read from a results store, those the sweep finished).</summary>
    public int SeedCount => Runs.Select(r => r.Seed).Distinct().Count();

    /// <summary>Where each dataset came from and which encoder ran on it.</summary>
    public IReadOnlyList<DataSourceRow> Sources { get; }

    /// <summary>Whether every dataset ran on the paper's encoder (else our stand-in on at least one).</summary>
    public bool UsesPaperEncoders { get; }

    /// <summary>Whether the paper's table prints gains only (conference Table 3): ours are then compared on micro-F1 gains.</summary>
    public bool IsGainTable { get; }

    /// <summary>One row per (dataset, metric, loss): the paper's value beside our mean ± std.</summary>
    public IReadOnlyList<ComparisonRow> SideBySide { get; }

    /// <summary>The chance check of every (dataset, loss).</summary>
    public IReadOnlyList<ChanceCheck.Row> Chance { get; }

    /// <summary>"real", "surrogate" or "mixed": what our runs trained on (a run summary's data).</summary>
    public string DataKind => Runs.All(r => r.IsSurrogate) ? "surrogate" : Runs.Any(r => r.IsSurrogate) ? "mixed" : "real";

    /// <summary>"paper's" or "stand-in" (a run summary's encoder).</summary>
    public string EncoderKind => UsesPaperEncoders ? "paper's" : "stand-in";

    /// <summary>A short line for the run summary: epochs, seeds and encoders.</summary>
    public string Detail => $"{Plan.Name}: {Plan.Settings.PretrainEpochs} + {Plan.Settings.ProbeEpochs} epochs, {SeedCount} seeds, " +
        string.Join(" / ", Sources.Select(s => s.OurEncoder).Distinct());

    /// <summary>One metric in the paper's wide layout, the paper's rows above ours; † marks our runs at chance.</summary>
    public Deedle.Frame<string, string> WideTable(string metric) => WideTables.For(Plan.Paper, SideBySide, metric, Chance);

    /// <summary>Per dataset: runs, time and the mean test macro-AUC (the training log, summarised).</summary>
    public IReadOnlyList<RunsSummary> Summary() => Runs.GroupBy(r => (r.Dataset, r.Encoder)).Select(g => new RunsSummary(
        g.Key.Dataset, g.First().IsSurrogate ? "surrogate data" : "real data", g.Key.Encoder, g.Count(), Math.Round(g.Sum(r => r.Seconds)),
        Math.Round(g.Average(r => r.Report.MacroAuc), 3), Chance.Count(c => c.Dataset == g.Key.Dataset && c.Encoder == g.Key.Encoder && c.AtChance))).ToList();

    /// <summary>A dataset's runs summarised.</summary>
    /// <param name="Dataset">The paper's dataset.</param>
    /// <param name="Data">"real data" or "surrogate data".</param>
    /// <param name="Encoder">Our encoder.</param>
    /// <param name="Runs">Runs (losses × seeds, BCE included).</param>
    /// <param name="Seconds">Their total wall time.</param>
    /// <param name="MeanMacroAuc">Mean test macro-AUC over the runs (0.5 = chance).</param>
    /// <param name="LossesAtChance">Losses the chance check flags on this dataset.</param>
    public sealed record RunsSummary(string Dataset, string Data, string Encoder, int Runs, double Seconds, double MeanMacroAuc, int LossesAtChance);

    /// <summary>The chance check in words: which (dataset, loss) rows are at chance and which cells the verdict skips.</summary>
    public string ChanceReport()
    {
        var flagged = Chance.Where(c => c.AtChance).ToList();
        var refused = RefusedCells();
        return flagged.Count == 0 && refused.Count == 0
            ? $"Chance check: every (dataset, loss) is above chance (mean macro-AUC more than {ChanceCheck.AucMargin} from 0.5, predictions not constant), and the losses differ in every cell."
            : string.Join(Environment.NewLine, new[] { $"Chance check: {flagged.Count} of {Chance.Count} (dataset, loss) rows at chance; the verdict skips {refused.Count} cell(s)." }
                .Concat(flagged.Select(c => $"  † {c.Dataset}{(Sources.Count(s => s.Dataset == c.Dataset) > 1 ? $" ({c.Encoder})" : "")} · {WideTables.Label(c.Loss)}: {c.Reason}"))
                .Concat(refused.Select(r => $"  skipped {r.Dataset} · {r.Metric}: {r.Reason}")));
    }

    /// <summary>The (dataset, metric) cells a verdict must not count, with the reason.</summary>
    public IReadOnlyList<(string Dataset, string Metric, string Reason)> RefusedCells() =>
        SideBySide.GroupBy(r => (r.Dataset, r.Metric))
            .Select(g => (g.Key.Dataset, g.Key.Metric, Reason: ChanceCheck.CellReason(g, Chance)))
            .Where(c => c.Reason is not null).Select(c => (c.Dataset, c.Metric, c.Reason!)).ToList();

    /// <summary>The verdict, computed from the cells the chance check lets through.</summary>
    public string Verdict() => IsGainTable ? GainVerdict() : ResultTables.Verdict(SideBySide, Runs, RefusedCells());

    /// <summary>Our SD-minus-baseline gains on every metric (conference Table 3's C-to-ALL, C-to-ANY, C-to-Mul).</summary>
    public IReadOnlyList<ResultTables.GainRow> Gains() => ResultTables.Gains(SideBySide);

    /// <summary>Conference Table 3's layout: the paper's micro-F1 gains per encoder and ours, per dataset.</summary>
    public Deedle.Frame<string, string> GainTable()
    {
        var ours = Gains().Where(g => g.Metric == "MicroF1").ToList();
        var datasets = Datasets;
        var rows = new List<(string Key, string[] Cells)>();
        foreach (var encoder in Plan.PaperEncoders)
            foreach (var gain in new[] { "C-to-ALL", "C-to-ANY", "C-to-Mul" })
                rows.Add(($"paper · {encoder} · {gain}", datasets.Select(d => Plan.Paper.FirstOrDefault(p => p.Dataset == d && p.Encoder == encoder && p.Loss == gain) is { } n
                    ? n.Value.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) : "–").ToArray()));
        var encoders = ours.Select(g => g.OurEncoder).Distinct().ToList();
        foreach (var encoder in encoders)
            foreach (var (form, pick) in new (string, Func<ResultTables.GainRow, double>)[] { ("SD weighted", g => g.OursWeighted), ("SD as printed", g => g.OursLiteral) })
                foreach (var gain in new[] { "C-to-ALL", "C-to-ANY", "C-to-Mul" })
                    rows.Add(($"ours ({DataKind} data{(encoders.Count > 1 ? ", " + encoder : "")}) · {form} · {gain}", datasets.Select(d => ours.FirstOrDefault(g => g.Dataset == d && g.Gain == gain && g.OurEncoder == encoder) is { } g
                        ? pick(g).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) + (RefusedCells().Any(c => c.Dataset == d) ? WideTables.ChanceMark : "") : "–").ToArray()));
        var keys = rows.Select(r => r.Key).ToArray();
        return Deedle.Frame.FromColumns(datasets.Select((d, j) => KeyValuePair.Create(d, new Deedle.Series<string, string>(keys, rows.Select(r => r.Cells[j]).ToArray()))));
    }

    private string GainVerdict()
    {
        var refused = RefusedCells().Select(c => c.Dataset).ToHashSet();
        var ours = Gains().Where(g => g.Metric == "MicroF1").ToList();
        var counted = ours.Where(g => !refused.Contains(g.Dataset)).ToList();
        var paper = Plan.Paper.Where(p => p.Metric == "MicroF1Gain").ToList();
        var lines = new List<string>
        {
            $"Paper: SD's micro-F1 gain over the baseline is positive in {paper.Count(p => p.Value > 0)} of {paper.Count} (dataset, encoder, baseline) cells.",
        };
        if (counted.Count == 0)
            lines.Add($"Ours: no verdict — every dataset is at chance or has identical losses ({string.Join("; ", RefusedCells().Select(c => $"{c.Dataset}: {c.Reason}"))}).");
        else
            lines.Add($"Ours ({DataKind} data): SD weighted gains in {counted.Count(g => g.OursWeighted > 0)} of {counted.Count} (dataset, baseline) cells; " +
                $"SD as printed gains over ANY by {counted.Where(g => g.Gain == "C-to-ANY").Select(g => g.OursLiteral).DefaultIfEmpty(double.NaN).Max():0.00} points at most (identical training ⇒ 0)" +
                (ours.Count > counted.Count ? $"; {ours.Count - counted.Count} cell(s) at chance not counted." : "."));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Our six rows (mean ± std over seeds) beside the paper's four losses (its reference encoder), per metric.</summary>
    public GenericChart Chart(string dataset) => ResultTables.Chart(SideBySide, Plan.Paper, dataset);

    /// <summary>The ordering of the four losses: each loss minus the mean of the four, the paper's beside ours.</summary>
    public GenericChart OrderingChart(string dataset) => ResultTables.OrderingChart(SideBySide, dataset);

    /// <summary>Our per-run metrics as a table (the full training log, for those who want it).</summary>
    public IReadOnlyList<RunRow> RunTable() => Runs.Select(r => new RunRow(r.Dataset, r.Loss, r.Seed,
        Math.Round(100 * r.Report.MeanAveragePrecision, 2), Math.Round(100 * r.Report.MicroF1, 2), Math.Round(r.Report.MacroAuc, 3), Math.Round(r.Seconds, 1))).ToList();

    /// <summary>One run in <see cref="RunTable"/>.</summary>
    public sealed record RunRow(string Dataset, string Loss, int Seed, double MapPercent, double MicroF1Percent, double MacroAuc, double Seconds);

    internal static double SampleStd(IEnumerable<double> values) => MeanStd.Of(values.ToList()).Std;
}

using MultiLabelContrastive.Metrics;
using MultiLabelContrastive.Statistics;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// Flags runs that learned nothing, so that no verdict counts them: macro-AUC within <see cref="AucMargin"/> of 0.5 (the
/// scores rank positives no better than chance), constant predictions (every label predicted, or none), and cells where
/// every loss gave the same number (zero standard deviation across the losses).
/// </summary>
public static class ChanceCheck
{
    /// <summary>A mean macro-AUC closer than this to 0.5 counts as chance.</summary>
    public const double AucMargin = 0.02;

    /// <summary>Micro-recall at or above this, with micro-precision at most <see cref="EverythingPrecision"/>, means the
    /// thresholds predict (nearly) every label of every sample.</summary>
    public const double EverythingRecall = 0.99;

    /// <summary>See <see cref="EverythingRecall"/>: predicting every cell gives a precision equal to the label density.</summary>
    public const double EverythingPrecision = 0.5;

    /// <summary>One (dataset, encoder, loss) of our runs and whether it is at chance.</summary>
    /// <param name="Dataset">The paper's dataset.</param>
    /// <param name="Loss">Our loss (or BCE).</param>
    /// <param name="MacroAuc">Mean test macro-AUC over seeds (0.5 = chance).</param>
    /// <param name="MicroRecall">Mean test micro-recall at the chosen thresholds.</param>
    /// <param name="AtChance">Whether a verdict must not count this row.</param>
    /// <param name="Reason">Why, in words ("" when it is not at chance).</param>
    /// <param name="Encoder">Our encoder ("" matches any: a table that runs one encoder per dataset).</param>
    public sealed record Row(string Dataset, string Loss, double MacroAuc, double MicroRecall, bool AtChance, string Reason, string Encoder = "")
    {
        /// <summary>Whether this row is about the given dataset, loss and encoder of ours.</summary>
        public bool Is(string dataset, string loss, string encoder) => Dataset == dataset && Loss == loss && (Encoder.Length == 0 || Encoder == encoder);
    }

    /// <summary>Why one test report is at chance, or null when it is not.</summary>
    public static string? Reason(MetricReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.MicroRecall >= EverythingRecall && report.MicroPrecision <= EverythingPrecision)
            return $"predicts every label (micro-recall {report.MicroRecall:0.00}, micro-precision {report.MicroPrecision:0.00})";
        if (report.MicroRecall <= 1e-9) return "predicts no label (micro-recall 0)";
        if (!double.IsNaN(report.MacroAuc) && Math.Abs(report.MacroAuc - 0.5) < AucMargin) return $"macro-AUC {report.MacroAuc:0.000} ≈ 0.5";
        return null;
    }

    /// <summary>One row per (dataset, encoder, loss) of <paramref name="runs"/>: at chance when the mean macro-AUC is within the
    /// margin of 0.5 or when a seed's predictions are constant.</summary>
    public static IReadOnlyList<Row> Rows(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.GroupBy(r => (r.Dataset, r.Encoder, r.Loss)).Select(g =>
        {
            double auc = g.Average(r => r.Report.MacroAuc), recall = g.Average(r => r.Report.MicroRecall);
            var constant = g.Select(r => Reason(r.Report)).FirstOrDefault(reason => reason is not null && reason.StartsWith("predicts", StringComparison.Ordinal));
            string? reason = constant
                ?? (!double.IsNaN(auc) && Math.Abs(auc - 0.5) < AucMargin ? $"mean macro-AUC {auc:0.000} ≈ 0.5" : null);
            return new Row(g.Key.Dataset, g.Key.Loss, Math.Round(auc, 4), Math.Round(recall, 4), reason is not null, reason ?? "", g.Key.Encoder);
        }).ToList();
    }

    /// <summary>Why a (dataset, metric) cell of a side-by-side table must not be counted, or null when it may: a contrastive
    /// loss of the cell at chance, or the same value for every loss (zero standard deviation across ALL, ANY, MulSupCon
    /// and SD Weighted).</summary>
    /// <param name="cell">The cell's rows (one per loss).</param>
    /// <param name="chance">The rows of <see cref="Rows"/>.</param>
    public static string? CellReason(IEnumerable<ComparisonRow> cell, IReadOnlyList<Row> chance)
    {
        var rows = cell.Where(r => r.Loss is "All" or "Any" or "MulSupCon" or "SdWeighted").ToList();
        if (rows.Count == 0) return "no contrastive loss in the cell";
        var atChance = rows.Select(r => chance.FirstOrDefault(c => c.Is(r.Dataset, r.Loss, r.OurEncoder) && c.AtChance)).Where(c => c is not null).ToList();
        if (atChance.Count > 0) return string.Join("; ", atChance.Select(c => $"{c!.Loss}: {c.Reason}"));
        if (rows.Count > 1 && rows.All(r => double.IsFinite(r.Ours)) && MeanStd.Of(rows.Select(r => r.Ours).ToList()).Std < 1e-9) return "every loss gave the same value (zero std across losses)";
        return null;
    }
}

using System.Globalization;
using System.Text;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>Everything one run measured, with the benchmark's targets checked against it.</summary>
public sealed class BenchmarkReport(BenchmarkOptions options)
{
    /// <summary>The target point of the loss targets: M = 1024, C = 8,929.</summary>
    public const int TargetM = 1024, TargetC = 8929, MemoryM = 4096;

    /// <summary>Every loss within this multiple of the floor at the target point.</summary>
    public const double FloorTarget = 1.5;

    /// <summary>MulSupCon at least this much faster than row expansion at the target point.</summary>
    public const double RowExpansionTarget = 5;

    /// <summary>Peak memory bound at M = 4096, C = 8,929.</summary>
    public const long MemoryTargetBytes = 2L << 30;

    /// <summary>The loss grid (null: not run).</summary>
    public List<LossRow>? Losses { get; set; }

    /// <summary>The metrics comparison (null: not run).</summary>
    public List<MetricRow>? Metrics { get; set; }

    /// <summary>The targets, each with the measured value and whether it was met (or why it was not measured).</summary>
    public string Targets()
    {
        var s = new StringBuilder("Targets (same machine, same run):\n");
        var atTarget = Losses?.Where(r => r.M == TargetM && r.Space.Labels == TargetC).ToList() ?? [];
        if (atTarget.Count == 0) s.AppendLine($"  - losses within {FloorTarget}× floor at M={TargetM}, C={TargetC}: not in this grid");
        else
        {
            var worst = atTarget.MaxBy(r => r.FloorMultiple)!;
            s.AppendLine($"  - every loss ≤ {FloorTarget}× floor at M={TargetM}, C={TargetC}: worst {worst.Loss} {worst.FloorMultiple:0.00}× " +
                         $"({string.Join(", ", atTarget.Select(r => $"{r.Loss} {r.FloorMultiple:0.00}"))}) → {Verdict(worst.FloorMultiple <= FloorTarget)}");
            var mulSupCon = atTarget.First(r => r.Loss == "MulSupCon");
            s.AppendLine(mulSupCon.SpeedUp is { } speedUp
                ? $"  - MulSupCon ≥ {RowExpansionTarget}× faster than row expansion: {speedUp:0.0}× → {Verdict(speedUp >= RowExpansionTarget)}"
                : $"  - MulSupCon vs row expansion: {mulSupCon.NaiveNote}");
        }
        var atMemory = Losses?.Where(r => r.M == MemoryM && r.Space.Labels == TargetC).ToList() ?? [];
        if (atMemory.Count == 0 || atMemory.Any(r => r.Ours.PeakBytes is null))
            s.AppendLine($"  - peak memory < 2 GB at M={MemoryM}, C={TargetC}: not measured in this run");
        else
        {
            var worst = atMemory.MaxBy(r => r.Ours.PeakBytes)!;
            s.AppendLine($"  - peak memory < 2 GB at M={MemoryM}, C={TargetC}: worst {worst.Loss} {Timing.Mb(worst.Ours.PeakBytes)} MB → " +
                         Verdict(worst.Ours.PeakBytes < MemoryTargetBytes));
        }
        if (Metrics is null || Metrics.Count == 0) s.AppendLine("  - metrics ≤ 1.0× scikit-learn: not run");
        else if (Metrics.All(r => r.SklearnMs is null)) s.AppendLine("  - metrics ≤ 1.0× scikit-learn: scikit-learn not available");
        else
        {
            var compared = Metrics.Where(r => r.Ratio is not null).ToList();
            var worst = compared.MaxBy(r => r.Ratio)!;
            var everything = compared.FirstOrDefault(r => r.Metric.StartsWith("Everything", StringComparison.Ordinal));
            var disagreeing = compared.Where(r => r.Agrees != true).Select(r => r.Metric).ToList();
            s.AppendLine($"  - every metric ≤ 1.0× scikit-learn: worst {worst.Metric} {worst.Ratio:0.00}×" +
                         (everything is null ? "" : $", everything at once {everything.Ratio:0.00}×") +
                         $" → {Verdict(compared.All(r => r.Ratio <= 1.0))}; values " +
                         (disagreeing.Count == 0 ? "agree" : "DIFFER for " + string.Join(", ", disagreeing)));
        }
        return s.ToString();
    }

    /// <summary>Machine line, tables and targets as Markdown.</summary>
    public string Markdown()
    {
        var s = new StringBuilder();
        s.AppendLine("Machine: " + MachineDescription.Describe().Replace("Machine: ", "", StringComparison.Ordinal) + "  ");
        s.AppendLine(CultureInfo.InvariantCulture, $"Options: warm-up {options.Warmup}, repeats {options.Repeats}, D = {options.Dimension}, τ = {options.Temperature}, naive cap {options.NaiveCapBytes / (double)(1L << 30):0.#} GB");
        s.AppendLine();
        if (Losses is not null) s.AppendLine(LossGrid.Markdown(Losses));
        if (Metrics is not null) s.AppendLine(MetricsBenchmark.Markdown(Metrics));
        s.AppendLine("```");
        s.Append(Targets());
        s.AppendLine("```");
        return s.ToString();
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";
}

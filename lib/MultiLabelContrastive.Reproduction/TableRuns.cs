using System.Diagnostics;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// Runs every loss of a results table on one dataset over several seeds with the paper's two-stage protocol
/// (contrastive pretraining, then a linear probe on the frozen encoder), plus the end-to-end BCE baseline.
/// </summary>
public static class TableRuns
{
    /// <summary>
    /// The losses of every table: the paper's baselines, the SD loss as printed (Eq. 13, <c>SdLiteral</c>) and in the
    /// form whose gradient depends on K (<c>SdWeighted</c>).
    /// </summary>
    public static IReadOnlyList<LossKind> Losses { get; } = [LossKind.All, LossKind.Any, LossKind.MulSupCon, LossKind.SdLiteral, LossKind.SdWeighted];

    /// <summary>The name of the BCE baseline's rows.</summary>
    public const string Baseline = "BCE";

    /// <summary>The loss of a name (case-insensitive), or null when it names none of <see cref="Losses"/>.</summary>
    public static LossKind? KindOf(string name) =>
        Losses.Cast<LossKind?>().FirstOrDefault(k => string.Equals(k.ToString(), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a name is the BCE baseline's (case-insensitive).</summary>
    public static bool IsBaseline(string name) => string.Equals(name?.Trim(), Baseline, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the losses (and the baseline, once per seed) on one dataset.</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="encoder">The encoder architecture.</param>
    /// <param name="seeds">Seeds (the same seeds for every loss, so runs are paired).</param>
    /// <param name="options">Training settings; Seed, RunBaseline and PrecisionAtK are set per run.</param>
    /// <param name="temperature">τ of every loss.</param>
    /// <param name="ks">The k of the P@k metrics the table needs.</param>
    /// <param name="encoderFactory">Optional factory replacing <paramref name="encoder"/>'s (e.g. to load pretrained weights).</param>
    /// <param name="log">Receives one line per finished run.</param>
    /// <param name="losses">The losses to run (null: <see cref="Losses"/>).</param>
    /// <param name="baseline">Whether to train the BCE baseline (beside the first loss of each seed).</param>
    public static IReadOnlyList<RunRecord> Run(ResolvedDataset data, EncoderSpec encoder, IReadOnlyList<int> seeds, TrainingOptions options,
        double temperature, IReadOnlyList<int> ks, Func<Encoder>? encoderFactory = null, Action<string>? log = null,
        IReadOnlyList<LossKind>? losses = null, bool baseline = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(encoder);
        if (seeds.Count == 0) throw new ArgumentException("Give at least one seed.", nameof(seeds));
        losses ??= Losses;
        if (losses.Count == 0) throw new ArgumentException("Give at least one loss.", nameof(losses));
        var runs = new List<RunRecord>();
        foreach (var seed in seeds)
        {
            for (int i = 0; i < losses.Count; i++)
            {
                var runOptions = options with { Seed = seed, RunBaseline = baseline && i == 0, PrecisionAtK = ks.Count == 0 ? options.PrecisionAtK : ks };
                var clock = Stopwatch.StartNew();
                var loss = ContrastiveLoss.Create(losses[i], temperature);
                using var result = encoderFactory is null
                    ? Experiment.Run(data.Dataset, encoder, loss, runOptions)
                    : Experiment.Run(data.Dataset, encoderFactory, loss, runOptions);
                var probe = result.Probe.Test ?? throw new InvalidOperationException("The linear probe produced no test metrics.");
                runs.Add(new RunRecord(data.PaperName, encoder.Name, losses[i].ToString(), seed, probe, clock.Elapsed.TotalSeconds, data.IsSurrogate));
                if (result.Baseline?.Test is { } bce)
                    runs.Add(new RunRecord(data.PaperName, encoder.Name, Baseline, seed, bce, clock.Elapsed.TotalSeconds, data.IsSurrogate));
                log?.Invoke($"{data.PaperName} · {encoder.Name} · {losses[i]} · seed {seed}: mAP {probe.MeanAveragePrecision:0.000}, micro-F1 {probe.MicroF1:0.000} ({clock.Elapsed.TotalSeconds:0.0} s)");
            }
        }
        return runs;
    }
}

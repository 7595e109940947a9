using System.Globalization;
using StringBuilder = System.Text.StringBuilder;
using MultiLabelContrastive.Encoders;

namespace MultiLabelContrastive.Training;

/// <summary>
/// What <see cref="Experiment.Run(Data.MultiLabelDataset, EncoderSpec, Losses.ContrastiveLoss, TrainingOptions?, IProgress{TrainingProgress}?, CancellationToken)"/>
/// returns: the stage histories, the test reports and a metrics table. Owns the pretrained encoder (disposed with the result).
/// </summary>
public sealed class ExperimentResult : IDisposable
{
    internal ExperimentResult(string dataset, string encoderName, string lossName, string device, StageResult pretraining,
        SupervisedResult probe, SupervisedResult? baseline, Encoder encoder, double seconds)
    {
        Dataset = dataset;
        EncoderName = encoderName;
        LossName = lossName;
        Device = device;
        Pretraining = pretraining;
        Probe = probe;
        Baseline = baseline;
        Encoder = encoder;
        Seconds = seconds;
    }

    /// <summary>Dataset name.</summary>
    public string Dataset { get; }

    /// <summary>Encoder architecture.</summary>
    public string EncoderName { get; }

    /// <summary>Loss name and temperature.</summary>
    public string LossName { get; }

    /// <summary>The device the run used, in words.</summary>
    public string Device { get; }

    /// <summary>Stage 1 history (training and validation contrastive loss per epoch).</summary>
    public StageResult Pretraining { get; }

    /// <summary>Stage 2 (linear probe) history and reports.</summary>
    public SupervisedResult Probe { get; }

    /// <summary>The BCE baseline's history and reports (null when <see cref="TrainingOptions.RunBaseline"/> was false).</summary>
    public SupervisedResult? Baseline { get; }

    /// <summary>The pretrained encoder (best epoch's weights, evaluation mode, on the run's device), e.g. for
    /// <see cref="Embeddings.Extract"/>. Disposed with this result.</summary>
    public Encoder Encoder { get; }

    /// <summary>Wall time of the whole run in seconds.</summary>
    public double Seconds { get; }

    /// <summary>Mean stage-1 training loss per epoch.</summary>
    public IReadOnlyList<double> PretrainLosses => Pretraining.TrainLosses;

    /// <summary>Every test metric of the probe beside the baseline's (empty when the test split is empty).</summary>
    public IReadOnlyList<MetricRow> Metrics
    {
        get
        {
            if (Probe.Test is not { } probe) return [];
            var baseline = Baseline?.Test?.NamedValues().ToDictionary(kv => kv.Key, kv => kv.Value);
            return probe.NamedValues()
                .Select(kv => new MetricRow(kv.Key, kv.Value, baseline is not null && baseline.TryGetValue(kv.Key, out var b) ? b : null))
                .ToArray();
        }
    }

    /// <summary>The metrics table as aligned text (values with 4 decimals; counts as integers).</summary>
    public string FormatTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Dataset}: {EncoderName}, {LossName}, {Device}, {Seconds:0.0} s");
        if (Probe.Test?.Thresholds is { } thresholds) text.AppendLine(CultureInfo.InvariantCulture, $"thresholds: {thresholds}");
        text.AppendLine(Baseline is null ? $"{"metric",-30} {"contrastive",12}" : $"{"metric",-30} {"contrastive",12} {"BCE baseline",12}");
        foreach (var row in Metrics)
        {
            var isCount = row.Metric.EndsWith("Used", StringComparison.Ordinal) || row.Metric.EndsWith("Skipped", StringComparison.Ordinal) || row.Metric == "LabelsPresent";
            string Format(double v) => isCount ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.0000", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{row.Metric,-30} {Format(row.Contrastive),12}");
            if (Baseline is not null) text.Append(CultureInfo.InvariantCulture, $" {(row.Baseline is { } b ? Format(b) : ""),12}");
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => FormatTable();

    /// <summary>Disposes the encoder.</summary>
    public void Dispose() => Encoder.Dispose();
}

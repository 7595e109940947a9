using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Metrics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>
/// What the linear probe and the BCE baseline share: BCE-with-logits training through <see cref="StageLoop"/>,
/// validation on the monitored metric, and the final reports on the validation and test splits.
/// </summary>
internal sealed class SupervisedStage
{
    public required TrainingStage Stage { get; init; }
    public required TrainingOptions Options { get; init; }
    public required MultiLabelDataset Dataset { get; init; }
    public required int Epochs { get; init; }
    public required double LearningRate { get; init; }
    public required IReadOnlyList<(string Name, nn.Module Module)> Modules { get; init; }
    public required IReadOnlyList<Parameter> Parameters { get; init; }
    public required Action<bool> SetTraining { get; init; }

    /// <summary>Training logits of the rows with these CPU indices (on the graph, on the device).</summary>
    public required Func<Tensor, Tensor> TrainLogits { get; init; }

    /// <summary>Logits of every row of a split (evaluation mode, no_grad), n × C on any device.</summary>
    public required Func<DatasetSplit, Tensor> SplitLogits { get; init; }

    public required Device Device { get; init; }

    /// <summary>End with the best validation epoch's weights (false: the last epoch's).</summary>
    public bool RestoreBest { get; init; } = true;
    public required string Fingerprint { get; init; }
    public IProgress<TrainingProgress>? Progress { get; init; }

    public SupervisedResult Run(CancellationToken cancellationToken)
    {
        var train = Dataset.Train;
        var monitor = Options.Monitor;
        var loop = new StageLoop
        {
            Stage = Stage,
            Options = Options,
            Epochs = Epochs,
            LearningRate = LearningRate,
            TrainRows = train.Count,
            DropLastPartialBatch = false,
            Modules = Modules,
            Parameters = Parameters,
            NoDecayParameters = Options.NoDecayOnBiasAndNorm ? [.. Parameters.Where(p => p.dim() == 1)] : null,
            SetTraining = SetTraining,
            BatchLoss = (indices, _) =>
            {
                var labels = train.Labels.index_select(0, indices).to(Device);
                return nn.functional.binary_cross_entropy_with_logits(TrainLogits(indices), labels);
            },
            Validate = () => Dataset.Validation.Count == 0 ? null : ValidationNumber(monitor),
            HigherIsBetter = monitor != MonitoredMetric.ValidationLoss,
            Patience = Options.EarlyStoppingPatience,
            RestoreBest = RestoreBest,
            MonitorName = Scoring.Describe(monitor),
            Progress = Progress,
            Fingerprint = Fingerprint,
        };
        var history = loop.Run(cancellationToken);
        SetTraining(false);
        using (no_grad())
        {
            var validation = Dataset.Validation.Count == 0 ? null : Report(Dataset.Validation, MetricThresholds.Fixed());
            MetricReport? test = null;
            if (Dataset.Test.Count > 0)
            {
                var thresholds = Options.Thresholds switch
                {
                    ThresholdRule.Validation => ChooseOnValidation(),
                    ThresholdRule.OracleThreshold => null,
                    _ => MetricThresholds.Fixed(),
                };
                test = Report(Dataset.Test, thresholds);
            }
            return new SupervisedResult(history, test, validation);
        }
    }

    private MetricThresholds ChooseOnValidation()
    {
        if (Dataset.Validation.Count == 0)
            throw new InvalidOperationException($"Thresholds on validation were requested but dataset '{Dataset.Name}' has no validation rows.");
        using var scope = NewDisposeScope();
        return ThresholdSelection.OnValidation(Scoring.Probabilities(SplitLogits(Dataset.Validation)), Scoring.Truth(Dataset.Validation.Labels));
    }

    /// <summary>Every metric of a split; null thresholds mean the oracle rule (chosen on this split).</summary>
    private MetricReport Report(DatasetSplit split, MetricThresholds? thresholds)
    {
        float[,] scores;
        using (NewDisposeScope()) scores = Scoring.Probabilities(SplitLogits(split));
        var truth = Scoring.Truth(split.Labels);
        thresholds ??= ThresholdSelection.Oracle(scores, truth);
        return MultiLabelMetrics.Evaluate(scores, truth, Scoring.Options(Options, Dataset.LabelCount, thresholds));
    }

    private double? ValidationNumber(MonitoredMetric monitor)
    {
        using var scope = NewDisposeScope();
        var split = Dataset.Validation;
        var logits = SplitLogits(split);
        double value;
        if (monitor == MonitoredMetric.ValidationLoss)
        {
            value = nn.functional.binary_cross_entropy_with_logits(logits, split.Labels.to(logits.device)).item<float>();
        }
        else
        {
            var report = MultiLabelMetrics.Evaluate(Scoring.Probabilities(logits), Scoring.Truth(split.Labels),
                new MetricOptions { Thresholds = MetricThresholds.Fixed() });
            value = Scoring.Monitored(monitor, report);
        }
        return double.IsNaN(value) ? null : value;
    }

    /// <summary>A fingerprint line of the settings shared by the supervised stages.</summary>
    public static string CommonFingerprint(TrainingOptions o, int epochs, double learningRate, MultiLabelDataset dataset) =>
        string.Create(CultureInfo.InvariantCulture,
            $"seed={o.Seed} threads={o.Threads} epochs={epochs} lr={learningRate:R} batch={o.BatchSize} optimizer={o.Optimizer} wd={o.WeightDecay:R} warmup={o.WarmupFraction:R} final={o.FinalLearningRateFraction:R} clip={o.GradientClipNorm:R} patience={o.EarlyStoppingPatience} delta={o.EarlyStoppingMinDelta:R} monitor={o.Monitor} data={dataset.Name}/{dataset.Train.Count}/{dataset.Validation.Count}/{dataset.LabelCount}") + ExtraFingerprint(o);

    /// <summary>The settings added after the first checkpoints (gradient accumulation, no decay on bias and norm, SGD's
    /// momentum), written only where they differ from their defaults, so that older checkpoints still resume. Momentum
    /// counts only with <see cref="OptimizerKind.Sgd"/>, the one optimizer that reads it.</summary>
    public static string ExtraFingerprint(TrainingOptions o) =>
        (o.GradientAccumulationSteps != 1 ? $" accumulate={o.GradientAccumulationSteps}" : "") + (o.NoDecayOnBiasAndNorm ? " nodecay=bias,norm" : "")
        + (o.Optimizer == OptimizerKind.Sgd && o.Momentum != DefaultMomentum ? string.Create(CultureInfo.InvariantCulture, $" momentum={o.Momentum:R}") : "");

    private static readonly double DefaultMomentum = new TrainingOptions().Momentum;
}

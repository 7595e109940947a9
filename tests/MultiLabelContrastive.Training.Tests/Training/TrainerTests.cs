using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training.Tests.Support;

namespace MultiLabelContrastive.Training.Tests.Training;

/// <summary>The two-stage protocol learns, is reproducible, and its pieces (early stopping, queue, baseline) do what they say.</summary>
public class TrainerTests
{
    private static readonly Lazy<double> RandomProbeMap = new(() =>
    {
        using var data = TinyTask.Dataset();
        using var result = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), TinyTask.Options with { PretrainEpochs = 0 });
        Assert.Empty(result.PretrainLosses);
        return result.Probe.Test!.MeanAveragePrecision;
    });

    public static TheoryData<LossKind> Losses => new(Enum.GetValues<LossKind>());

    [Theory]
    [MemberData(nameof(Losses))]
    public void EveryLossBeatsALinearProbeOnARandomEncoder(LossKind kind)
    {
        using var data = TinyTask.Dataset();
        using var result = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Create(kind, 0.1), TinyTask.Options);
        var map = result.Probe.Test!.MeanAveragePrecision;
        Assert.True(map >= RandomProbeMap.Value + 0.1, $"{kind}: mAP {map:F4} vs random encoder {RandomProbeMap.Value:F4}");
        Assert.True(result.PretrainLosses[^1] < result.PretrainLosses[0], $"{kind}: stage-1 loss did not fall ({result.PretrainLosses[0]} → {result.PretrainLosses[^1]})");
        Assert.Equal(20, result.Pretraining.Epochs.Count);
        Assert.Equal(256 / 64, result.Pretraining.StepsPerEpoch);
    }

    [Fact]
    public void TheQueueAddsPastEmbeddingsAndStillLearns()
    {
        using var data = TinyTask.Dataset();
        using var result = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.1),
            TinyTask.Options with { QueueSize = 192 });
        Assert.True(result.Probe.Test!.MeanAveragePrecision >= RandomProbeMap.Value + 0.1);
        using var noQueue = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.1),
            TinyTask.Options with { PretrainEpochs = 2 });
        using var queue = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.1),
            TinyTask.Options with { PretrainEpochs = 2, QueueSize = 192 });
        // The first step has an empty queue, so the first losses agree; later ones see more candidates.
        Assert.NotEqual(noQueue.PretrainLosses[1], queue.PretrainLosses[1]);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalResultsAndAnotherSeedDoesNot()
    {
        using var data = TinyTask.Dataset();
        var options = TinyTask.Options with { PretrainEpochs = 4, ProbeEpochs = 4, BaselineEpochs = 3, RunBaseline = true };
        using var a = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.MulSupCon(0.1), options);
        using var b = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.MulSupCon(0.1), options);
        using var c = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.MulSupCon(0.1), options with { Seed = 1 });
        Assert.Equal(a.PretrainLosses, b.PretrainLosses);
        Assert.Equal(a.Probe.Test!.NamedValues(), b.Probe.Test!.NamedValues());
        Assert.Equal(a.Baseline!.Test!.NamedValues(), b.Baseline!.Test!.NamedValues());
        Assert.NotEqual(a.PretrainLosses, c.PretrainLosses);
    }

    [Fact]
    public void EarlyStoppingStopsAndRestoresTheBestEpoch()
    {
        using var data = TinyTask.Dataset();
        var options = TinyTask.Options with { PretrainEpochs = 3, ProbeEpochs = 60, ProbeLearningRate = 0.3, EarlyStoppingPatience = 2 };
        using var result = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options);
        var probe = result.Probe.Training;
        Assert.True(probe.StoppedEarly, "a probe with lr 0.3 for 60 epochs did not stop early");
        Assert.True(probe.Epochs.Count < 60);
        var best = probe.Epochs.Single(e => e.Epoch == probe.BestEpoch);
        Assert.Equal(probe.Epochs.Where(e => e.Validation is not null).Max(e => e.Validation), best.Validation);
        Assert.Equal(probe.BestEpoch + 2, probe.Epochs[^1].Epoch);
        // The evaluated weights are the best epoch's: the final validation mAP is the best epoch's.
        Assert.Equal(best.Validation!.Value, result.Probe.Validation!.MeanAveragePrecision, 12);
    }

    [Fact]
    public void StageOneKeepsItsLastEpochUnlessItsOwnEarlyStoppingIsOn()
    {
        using var data = TinyTask.Dataset();
        using var plain = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), TinyTask.Options with { PretrainEpochs = 6, ProbeEpochs = 2 });
        Assert.Equal(6, plain.Pretraining.BestEpoch);
        Assert.All(plain.Pretraining.Epochs, e => Assert.NotNull(e.Validation));
        using var stopping = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1),
            TinyTask.Options with { PretrainEpochs = 40, PretrainLearningRate = 0.05, PretrainEarlyStoppingPatience = 1, ProbeEpochs = 2 });
        var stage = stopping.Pretraining;
        Assert.True(stage.StoppedEarly);
        Assert.Equal(stage.Epochs.Min(e => e.Validation), stage.Epochs.Single(e => e.Epoch == stage.BestEpoch).Validation);
        Assert.Equal(stage.BestEpoch + 1, stage.Epochs[^1].Epoch);
    }

    [Fact]
    public void BaselineStartsFromTheSameWeightsAsStageOne()
    {
        using var data = TinyTask.Dataset();
        var options = TinyTask.Options with { PretrainEpochs = 0, RunBaseline = true, BaselineEpochs = 3 };
        using var result = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options);
        using var fresh = TinyTask.Encoder();
        // With no pretraining the result's encoder is the seeded initial encoder; the same seed gives the same weights.
        TorchSharp.torch.random.manual_seed(options.Seed);
        using var again = TinyTask.Encoder();
        var first = result.Encoder.parameters().First();
        Assert.True(first.Equals(again.parameters().First()));
        Assert.NotNull(result.Baseline!.Test);
        Assert.Equal(3, result.Baseline.Training.Epochs.Count);
        Assert.Contains("MeanAveragePrecision", result.FormatTable());
        Assert.Contains("BCE baseline", result.FormatTable());
        Assert.All(result.Metrics, row => Assert.NotNull(row.Baseline));
    }

    [Fact]
    public void ProgressIsReportedPerStepAndPerEpoch()
    {
        using var data = TinyTask.Dataset();
        var progress = new ProgressLog();
        using var result = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), TinyTask.Options with { PretrainEpochs = 2, ProbeEpochs = 3 }, progress);
        var pretrain = progress.Reports.Where(r => r.Stage == TrainingStage.Pretrain).ToList();
        Assert.Equal(2 * 4 + 2, pretrain.Count);
        Assert.Equal(2, pretrain.Count(r => r.EpochFinished));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), pretrain.Where(r => !r.EpochFinished).Select(r => r.GlobalStep));
        Assert.Equal(3, progress.Reports.Count(r => r.Stage == TrainingStage.Probe && r.EpochFinished));
        Assert.All(progress.Reports.Where(r => r.EpochFinished), r => Assert.NotNull(r.Validation));
    }

    [Fact]
    public void BadArgumentsAreRejectedAtTheBoundary()
    {
        using var data = TinyTask.Dataset();
        Assert.Throws<ArgumentException>("encoder", () => Experiment.Run(data, EncoderSpec.TextCnn(), ContrastiveLoss.Any()));
        Assert.Throws<ArgumentOutOfRangeException>("BatchSize", () => Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(), new TrainingOptions { BatchSize = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>("Resume", () => new TrainingOptions { Resume = true }.Validate());
        using var encoder = TinyTask.Encoder();
        using var head = new ProjectionHead(7);
        Assert.Throws<ArgumentException>("head", () => new ContrastivePretrainer(ContrastiveLoss.Any()).Fit(encoder, head, data));
    }
}

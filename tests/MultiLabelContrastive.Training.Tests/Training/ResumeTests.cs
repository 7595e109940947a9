using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training.Tests.Support;

namespace MultiLabelContrastive.Training.Tests.Training;

/// <summary>Checkpoints every epoch; a run interrupted in any stage and resumed gives exactly the uninterrupted result.</summary>
public class ResumeTests
{
    private static TrainingOptions Options(string folder) => TinyTask.Options with
    {
        PretrainEpochs = 4,
        ProbeEpochs = 5,
        BaselineEpochs = 3,
        RunBaseline = true,
        QueueSize = 96,
        CheckpointDirectory = Path.Combine(folder, "checkpoints"),
        LogDirectory = Path.Combine(folder, "logs"),
    };

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void InterruptedInEveryStageAndResumedGivesTheUninterruptedResult(OptimizerKind optimizer)
    {
        using var data = TinyTask.Dataset();
        var loss = ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.1);
        using var straightFolder = new TempFolder();
        using var straight = Experiment.Run(data, TinyTask.Encoder, loss, Options(straightFolder.Path) with { Optimizer = optimizer });

        using var folder = new TempFolder();
        var stops = new Queue<(TrainingStage Stage, int Epoch)>([(TrainingStage.Pretrain, 2), (TrainingStage.Probe, 3), (TrainingStage.Baseline, 1)]);
        ExperimentResult? resumed = null;
        var attempts = 0;
        while (resumed is null)
        {
            attempts++;
            using var cancel = new CancellationTokenSource();
            (TrainingStage Stage, int Epoch)? stop = stops.Count > 0 ? stops.Dequeue() : null;
            var progress = new ProgressLog(r =>
            {
                if (stop is { } s && r.EpochFinished && r.Stage == s.Stage && r.Epoch == s.Epoch) cancel.Cancel();
            });
            try
            {
                resumed = Experiment.Run(data, TinyTask.Encoder, loss, Options(folder.Path) with { Optimizer = optimizer, Resume = attempts > 1 }, progress, cancel.Token);
                Assert.Null(stop);
            }
            catch (OperationCanceledException)
            {
                Assert.NotNull(stop);
                // The next epoch never started.
                Assert.DoesNotContain(progress.Reports, r => r.Stage == stop!.Value.Stage && r.Epoch > stop.Value.Epoch);
            }
        }
        using (resumed)
        {
            Assert.Equal(4, attempts);
            Assert.Equal(straight.PretrainLosses, resumed.PretrainLosses);
            Assert.Equal(Comparable(straight.Pretraining), Comparable(resumed.Pretraining));
            Assert.Equal(Comparable(straight.Probe.Training), Comparable(resumed.Probe.Training));
            Assert.Equal(straight.Probe.Test!.NamedValues(), resumed.Probe.Test!.NamedValues());
            Assert.Equal(straight.Baseline!.Test!.NamedValues(), resumed.Baseline!.Test!.NamedValues());
            Assert.True(straight.Encoder.parameters().Zip(resumed.Encoder.parameters()).All(p => p.First.Equals(p.Second)));
        }

        // The logs hold each epoch once, as if the run had not been interrupted.
        var epochs = File.ReadAllLines(Path.Combine(folder.Path, "logs", "epochs.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["pretrain:1", "pretrain:2", "pretrain:3", "pretrain:4", "probe:1", "probe:2", "probe:3", "probe:4", "probe:5", "baseline:1", "baseline:2", "baseline:3"],
            epochs.Select(e => $"{e[0]}:{e[1]}"));
        var steps = File.ReadAllLines(Path.Combine(folder.Path, "logs", "steps.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(4 * 4, steps.Count(s => s[0] == "pretrain"));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => i.ToString()), steps.Where(s => s[0] == "pretrain").Select(s => s[3]));
        var events = Directory.GetFiles(Path.Combine(folder.Path, "logs", "tensorboard"), "events.out.tfevents.*");
        Assert.NotEmpty(events);
        var eventText = string.Concat(events.Select(e => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(e))));
        foreach (var tag in new[] { "pretrain/loss", "pretrain/learning_rate", "pretrain/epoch_loss", "pretrain/validation", "probe/validation", "baseline/loss" })
            Assert.Contains(tag, eventText);
    }

    [Fact]
    public void ResumingWithOtherSettingsIsRefused()
    {
        using var data = TinyTask.Dataset();
        using var folder = new TempFolder();
        var options = Options(folder.Path) with { RunBaseline = false, PretrainEpochs = 2, ProbeEpochs = 2 };
        using (Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options)) { }
        var error = Assert.Throws<InvalidOperationException>(() =>
            Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options with { Resume = true, PretrainLearningRate = 1e-2 }));
        Assert.Contains("other settings", error.Message);
        // A finished run resumes to the same result without training again.
        var progress = new ProgressLog();
        using var again = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options with { Resume = true }, progress);
        Assert.Empty(progress.Reports);
        Assert.Equal(2, again.PretrainLosses.Count);
    }

    [Fact]
    public void ResumingSgdWithAnotherMomentumIsRefused()
    {
        using var data = TinyTask.Dataset();
        using var folder = new TempFolder();
        var options = Options(folder.Path) with { RunBaseline = false, PretrainEpochs = 2, ProbeEpochs = 2, Optimizer = OptimizerKind.Sgd, Momentum = 0.5 };
        using (Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options)) { }
        foreach (var momentum in new[] { 0.9, 0.0 })
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
                Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options with { Resume = true, Momentum = momentum }));
            Assert.Contains("momentum=0.5", error.Message);
        }
        using var again = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), options with { Resume = true });
        Assert.Equal(2, again.PretrainLosses.Count);
        // Optimizers that ignore momentum do not fingerprint it, so their checkpoints do not depend on it.
        using var adamFolder = new TempFolder();
        var adam = Options(adamFolder.Path) with { RunBaseline = false, PretrainEpochs = 1, ProbeEpochs = 1, Optimizer = OptimizerKind.Adam };
        using (Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), adam)) { }
        using var adamAgain = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.Any(0.1), adam with { Resume = true, Momentum = 0.5 });
        Assert.Single(adamAgain.PretrainLosses);
    }

    private static IEnumerable<object> Comparable(StageResult stage) =>
        stage.Epochs.Select(e => (object)(e.Epoch, e.TrainLoss, e.Validation, e.LearningRate, e.IsBest)).Append((stage.BestEpoch, stage.StoppedEarly));
}

using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training.Tests.Support;
using TorchSharp;

namespace MultiLabelContrastive.Training.Tests.Training;

/// <summary>The number of live tensors is the same after every epoch (with checkpoints, logs, queue and early-stopping
/// snapshots): nothing accumulates over training.</summary>
public class MemoryTests
{
    private static long Live => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LiveTensorsStayFlatOverTwentyEpochsOfEveryStage(bool momentumEncoder)
    {
        using var data = TinyTask.Dataset(train: 128);
        var before = Live;
        using var folder = new TempFolder();
        var live = new Dictionary<TrainingStage, List<long>>();
        var progress = new ProgressLog(r =>
        {
            if (!r.EpochFinished) return;
            if (!live.TryGetValue(r.Stage, out var list)) live[r.Stage] = list = [];
            list.Add(Live);
        });
        var options = TinyTask.Options with { PretrainEpochs = 20, ProbeEpochs = 20, BaselineEpochs = 20, RunBaseline = true, QueueSize = 64,
            MomentumEncoder = momentumEncoder, CheckpointDirectory = Path.Combine(folder.Path, "checkpoints"), LogDirectory = Path.Combine(folder.Path, "logs") };
        using (var result = Experiment.Run(data, TinyTask.Encoder, ContrastiveLoss.SimilarityDissimilarity(SdForm.Weighted, 0.1), options, progress))
        {
            Assert.Equal(20, result.Pretraining.Epochs.Count);
        }
        // Everything the run made (the key encoder included) is gone with the result.
        Assert.Equal(before, Live);
        foreach (var stage in Enum.GetValues<TrainingStage>())
        {
            var counts = live[stage];
            Assert.Equal(20, counts.Count);
            // From the second epoch on (optimizer state exists), every epoch ends with the same number of live tensors.
            Assert.True(counts.Skip(1).Distinct().Count() == 1, $"{stage}: live tensors per epoch {string.Join(", ", counts)}");
        }
    }
}

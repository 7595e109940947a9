using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training.Tests.Training;

/// <summary>MoCo-style momentum training: the key encoder's moving average, no gradient into it, its place in the loss
/// and the queue, checkpoints, and runs on yeast and a synthetic image profile.</summary>
public class MomentumEncoderTests
{
    private static TrainingOptions Momentum(double m) => TinyTask.Options with { MomentumEncoder = true, KeyEncoderMomentum = m, QueueSize = 96 };

    private static double[][] Values(nn.Module module) =>
        [.. module.parameters().Select(p => p.detach().to_type(ScalarType.Float64).data<double>().ToArray())];

    [Fact]
    public void TheMovingAverageIsMTimesTheKeyPlusOneMinusMTimesTheQuery()
    {
        using var query = TinyTask.Encoder();
        using var head = new ProjectionHead(query.OutputSize, 8, 12);
        using var keys = new MomentumKeyEncoder(query, head, TinyTask.Encoder(), 0.75);
        Assert.Equal(12, keys.KeyHead.HiddenSize);
        // The copy is exact.
        Assert.Equal(Values(query), Values(keys.KeyEncoder));
        Assert.Equal(Values(head), Values(keys.KeyHead));

        var key0 = Values(keys.KeyEncoder).Concat(Values(keys.KeyHead)).ToArray();
        using (no_grad())
            foreach (var (p, i) in query.parameters().Concat(head.parameters()).Select((p, i) => (p, i)))
                p.add_(0.5 + 0.25 * i); // the query moves; the key must follow a quarter of the way
        var query1 = Values(query).Concat(Values(head)).ToArray();
        keys.Update();
        var key1 = Values(keys.KeyEncoder).Concat(Values(keys.KeyHead)).ToArray();
        for (var i = 0; i < key0.Length; i++)
            for (var j = 0; j < key0[i].Length; j++)
                Assert.Equal(0.75 * key0[i][j] + 0.25 * query1[i][j], key1[i][j], 1e-6);
        keys.Update(); // the query did not move: the key closes a quarter of the remaining gap again
        var key2 = Values(keys.KeyEncoder).Concat(Values(keys.KeyHead)).ToArray();
        for (var i = 0; i < key0.Length; i++)
            for (var j = 0; j < key0[i].Length; j++)
                Assert.Equal(0.75 * key1[i][j] + 0.25 * query1[i][j], key2[i][j], 1e-6);
    }

    [Fact]
    public void MomentumZeroMakesTheKeyEncoderACopyOfTheQuery()
    {
        using var query = TinyTask.Encoder();
        using var head = new ProjectionHead(query.OutputSize, 8);
        using var keys = new MomentumKeyEncoder(query, head, TinyTask.Encoder(), 0);
        using (no_grad())
            foreach (var p in query.parameters().Concat(head.parameters()))
                p.mul_(-3.0).add_(0.125);
        keys.Update();
        Assert.Equal(Values(query), Values(keys.KeyEncoder));
        Assert.Equal(Values(head), Values(keys.KeyHead));
    }

    [Fact]
    public void TheTrainerUpdatesTheKeyEncoderAfterEveryStepAndNeverGivesItAGradient()
    {
        using var data = TinyTask.Dataset();
        var options = Momentum(0.9) with { PretrainEpochs = 2 };
        Encoder? key = null;
        using var encoder = TinyTask.Encoder();
        using var head = new ProjectionHead(encoder.OutputSize, options.ProjectionSize);
        var previous = Values(encoder).Concat(Values(head)).ToArray(); // the key starts as the query
        var steps = 0;
        var progress = new ProgressLog(r =>
        {
            if (r.EpochFinished) return;
            steps++;
            Assert.NotNull(key);
            var keyParameters = key.parameters().ToList();
            Assert.All(keyParameters, p => Assert.False(p.requires_grad));
            Assert.All(keyParameters, p => Assert.True(p.grad is null, "a key encoder parameter holds a gradient"));
            Assert.All(encoder.parameters(), p => Assert.True(p.grad is not null, "a query parameter has no gradient"));
            // θk(t) = 0.9 θk(t−1) + 0.1 θq(t), θq(t) the query after step t's optimizer step (the key head is checked in the unit test).
            var query = Values(encoder);
            var now = Values(key);
            for (var i = 0; i < now.Length; i++)
                for (var j = 0; j < now[i].Length; j++)
                    Assert.Equal(0.9 * previous[i][j] + 0.1 * query[i][j], now[i][j], 1e-6);
            previous = now;
        });
        var result = new ContrastivePretrainer(ContrastiveLoss.MulSupCon(0.1), options, progress)
            .Fit(encoder, head, data, () => key = TinyTask.Encoder());
        Assert.Equal(2 * 256 / 64, steps);
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss)));
    }

    [Fact]
    public void TheKeysReplaceTheBatchAsCandidatesAndMomentumChangesTraining()
    {
        using var data = TinyTask.Dataset();
        var loss = ContrastiveLoss.SimilarityDissimilarity(SdForm.Weighted, 0.1);
        using var plain = Experiment.Run(data, TinyTask.Encoder, loss, TinyTask.Options with { PretrainEpochs = 3, QueueSize = 96, ProbeEpochs = 1 });
        using var moco = Experiment.Run(data, TinyTask.Encoder, loss, Momentum(0.99) with { PretrainEpochs = 3, ProbeEpochs = 1 });
        Assert.NotEqual(plain.PretrainLosses, moco.PretrainLosses);
        Assert.All(moco.PretrainLosses, l => Assert.True(double.IsFinite(l) && l > 0));

        // Keys equal to the queries (m = 0 copies, no dropout) and no queue give the in-batch loss exactly.
        using var z = randn(12, 5, generator: new Generator(3));
        using var y = tensor(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, 0 }, { 0, 0 }, { 0, 1 }, { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, 0 }, { 0, 0 }, { 0, 1 } });
        using var inBatch = loss.Compute(z, y).Loss;
        using var withKeys = loss.ComputeWithKeys(z, y, z.clone()).Loss;
        Assert.Equal(inBatch.item<float>(), withKeys.item<float>());
        using var queueZ = randn(4, 5, generator: new Generator(4));
        using var queueY = tensor(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 0, 0 } });
        Assert.Equal(loss.Compute(z, y, queueZ, queueY).Loss.item<float>(), loss.ComputeWithKeys(z, y, z.clone(), queueZ, queueY).Loss.item<float>());
        // The keys carry no gradient: only the queries do.
        using var queries = z.clone().requires_grad_(true);
        using var keys = (z + 0.1).requires_grad_(true);
        loss.ComputeWithKeys(queries, y, keys).Loss.backward();
        Assert.NotNull(queries.grad);
        Assert.Null(keys.grad);
        Assert.Throws<ArgumentException>("keys", () => loss.ComputeWithKeys(z, y, z.narrow(0, 0, 6)));
        Assert.Throws<ArgumentException>("queueLabels", () => loss.ComputeWithKeys(z, y, z, queueZ));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(1.5)]
    public void AMomentumOutsideZeroToOneIsRefused(double m)
    {
        var options = Momentum(m);
        var error = Assert.Throws<ArgumentOutOfRangeException>(nameof(TrainingOptions.KeyEncoderMomentum), options.Validate);
        Assert.Contains("KeyEncoderMomentum must lie in [0, 1)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(nameof(TrainingOptions.KeyEncoderMomentum), () => new ContrastivePretrainer(ContrastiveLoss.Any(), options));
        using var query = TinyTask.Encoder();
        using var head = new ProjectionHead(query.OutputSize, 8);
        using var other = TinyTask.Encoder();
        Assert.Throws<ArgumentOutOfRangeException>("momentum", () => new MomentumKeyEncoder(query, head, other, m));
    }

    [Fact]
    public void MomentumTrainingNeedsAKeyEncoderOfTheQuerysArchitecture()
    {
        using var data = TinyTask.Dataset();
        using var encoder = TinyTask.Encoder();
        using var head = new ProjectionHead(encoder.OutputSize, 16);
        var trainer = new ContrastivePretrainer(ContrastiveLoss.Any(0.1), Momentum(0.999) with { PretrainEpochs = 1 });
        var missing = Assert.Throws<InvalidOperationException>(() => trainer.Fit(encoder, head, data));
        Assert.Contains("MomentumEncoder needs a key encoder", missing.Message);
        var wider = Assert.Throws<ArgumentException>(() => trainer.Fit(encoder, head, data, () => new Mlp(32, [64, 24], dropout: 0.1)));
        Assert.Contains("key encoder", wider.Message);
        var shape = Assert.Throws<ArgumentException>(() => trainer.Fit(encoder, head, data, () => new Mlp(32, [48, 16], dropout: 0.1)));
        Assert.Contains("shape", shape.Message);
    }

    [Fact]
    public void InterruptedAndResumedGivesBitIdenticalWeights()
    {
        using var data = TinyTask.Dataset();
        var loss = ContrastiveLoss.MulSupCon(0.1);
        TrainingOptions Options(string folder) => Momentum(0.9) with
        {
            PretrainEpochs = 4, ProbeEpochs = 2, CheckpointDirectory = Path.Combine(folder, "checkpoints"),
        };
        using var straightFolder = new TempFolder();
        using var straight = Experiment.Run(data, TinyTask.Encoder, loss, Options(straightFolder.Path));

        using var folder = new TempFolder();
        using (var cancel = new CancellationTokenSource())
        {
            var stop = new ProgressLog(r =>
            {
                if (r.EpochFinished && r.Stage == TrainingStage.Pretrain && r.Epoch == 2) cancel.Cancel();
            });
            Assert.Throws<OperationCanceledException>(() => Experiment.Run(data, TinyTask.Encoder, loss, Options(folder.Path), stop, cancel.Token));
        }
        using var resumed = Experiment.Run(data, TinyTask.Encoder, loss, Options(folder.Path) with { Resume = true });
        Assert.Equal(straight.PretrainLosses, resumed.PretrainLosses);
        Assert.True(straight.Encoder.parameters().Zip(resumed.Encoder.parameters()).All(p => p.First.Equals(p.Second)),
            "the resumed encoder's weights differ from the uninterrupted run's");
        Assert.Equal(straight.Probe.Test!.NamedValues(), resumed.Probe.Test!.NamedValues());
    }

    [Fact]
    public void MomentumTrainingRunsOnYeast()
    {
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
        var options = TrainingOptions.MulSupConYeast with
        {
            Device = "cpu", Threads = 1, PretrainEpochs = 3, ProbeEpochs = 20, MomentumEncoder = true, QueueSize = 256,
        };
        using var result = Experiment.Run(yeast, EncoderSpec.MulSupConMlp(), ContrastiveLoss.MulSupCon(0.1), options);
        Assert.Equal(3, result.PretrainLosses.Count);
        // Each anchor meets 127 keys of the batch and, once it is full, 256 queued keys: near the start of training (keys
        // nearly alike) the loss is close to log 383, well above the in-batch log 127.
        Assert.All(result.PretrainLosses, l => Assert.True(double.IsFinite(l) && l > 0, $"stage-1 loss {l}"));
        Assert.All(result.PretrainLosses.Skip(1), l => Assert.InRange(l, Math.Log(127) + 0.5, Math.Log(127 + 256) + 0.05));
        Assert.True(result.PretrainLosses[0] < result.PretrainLosses[1], "the first epoch starts with an empty queue, so its loss is lower");
        Assert.Equal(917, result.Probe.Test!.Samples);
        // Ranking by label frequency alone gives mAP ≈ 0.30.
        Assert.True(result.Probe.Test!.MeanAveragePrecision > 0.38, $"probe mAP {result.Probe.Test!.MeanAveragePrecision:F4}");
    }

    [Fact]
    public void MomentumTrainingRunsOnASyntheticImageProfile()
    {
        using var coco = SyntheticProfiles.Get("coco-like", scale: 0.002, seed: 1);
        Assert.Equal(InputKind.Image, coco.Kind);
        var options = TinyTask.Options with
        {
            Augmentation = null, BatchSize = 16, PretrainEpochs = 2, ProbeEpochs = 2, MomentumEncoder = true, QueueSize = 64,
        };
        var progress = new ProgressLog();
        using var result = Experiment.Run(coco, EncoderSpec.ResNet18(smallImages: true, width: 4), ContrastiveLoss.SimilarityDissimilarity(SdForm.Weighted, 0.07), options, progress);
        Assert.Equal(2, result.PretrainLosses.Count);
        Assert.All(result.PretrainLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(2 * (int)(coco.Train.Count / 16), progress.Reports.Count(r => r.Stage == TrainingStage.Pretrain && !r.EpochFinished));
        Assert.Equal((int)coco.Test.Count, result.Probe.Test!.Samples);
    }
}

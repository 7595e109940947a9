using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training.Tests.Support;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training.Tests.Training;

/// <summary>The paper's image setting end to end on tiny prepared images: a torchvision-named weights file written in
/// PyTorch's zip format, the ImageNet preprocessing, SGD with momentum, and stage 1's views decoded and augmented from
/// the image files by the prefetch queue.</summary>
public class ImageNetPipelineTrainingTests
{
    private static readonly PreparedLoadOptions Load = PreparedLoadOptions.ImageNet with { ImageSize = 32 };

    private static TrainingOptions Paper => TrainingOptions.PaperImageRows with
    {
        Device = "cpu",
        Threads = 1,
        Augmentation = new ImageNetViews(size: 32),
        BatchSize = 16,
        PretrainEpochs = 2,
        ProbeEpochs = 2,
        BaselineEpochs = 1,
        ProjectionSize = 16,
        RunBaseline = true,
    };

    /// <summary>torchvision's full ResNet-18 (classifier included) with random weights and batch-norm statistics.</summary>
    private static nn.Module<Tensor, Tensor> RandomTorchvisionResNet18(int seed)
    {
        random.manual_seed(seed).Dispose();
        var model = torchvision.models.resnet18();
        using (no_grad())
        {
            foreach (var (name, buffer) in model.named_buffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.copy_(randn_like(buffer) * 0.1);
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.copy_(rand_like(buffer) + 0.5);
            }
        }
        model.eval();
        return model;
    }

    /// <summary>The pooled features of torchvision's network, computed from its own modules (not through the library).</summary>
    private static Tensor TorchvisionFeatures(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        var c = model.named_children().ToDictionary(p => p.name, p => (nn.Module<Tensor, Tensor>)p.module);
        using var scope = NewDisposeScope();
        var h = c["maxpool"].call(c["relu"].call(c["bn1"].call(c["conv1"].call(x))));
        foreach (var layer in new[] { "layer1", "layer2", "layer3", "layer4" }) h = c[layer].call(h);
        return c["avgpool"].call(h).flatten(1).MoveToOuterDisposeScope();
    }

    [Fact]
    public void TorchvisionPthFileStartsBothStagesFromItsWeights()
    {
        using var folder = new TempFolder();
        using var data = PreparedDataset.Load(TinyImageSet.Write(folder.Path), Load);
        var weights = Path.Combine(folder.Path, "resnet18-random.pth");
        using var source = RandomTorchvisionResNet18(21);
        source.save_py(weights);

        var spec = EncoderSpec.TorchVision(ResNetDepth.ResNet18, ResNetStem.ImageNet, weights);
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var x = data.Test.Rows(0, 8);
            var expected = TorchvisionFeatures(source, x);
            using var loaded = spec.Create(data);
            loaded.eval();
            Assert.True(loaded.call(x).allclose(expected, 1e-5, 1e-5), "the encoder's features are not those of the file's network");
            using var fresh = new TorchVisionResNet(ResNetDepth.ResNet18);
            fresh.eval();
            Assert.False(fresh.call(x).allclose(expected, 1e-3, 1e-3), "a fresh network gives the file's features: the check proves nothing");
        }

        var progress = new ProgressLog();
        using var result = Experiment.Run(data, spec, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.07), Paper, progress);
        Assert.Equal(2, result.PretrainLosses.Count);
        Assert.All(result.PretrainLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(16, result.Probe.Test!.Samples);
        Assert.Equal(16, result.Baseline!.Test!.Samples);
        Assert.Contains(progress.Reports, r => r.Stage == TrainingStage.Probe && r.EpochFinished);
        // Stage 1 moved the weights away from the file's (SGD with momentum trained them).
        var trained = result.Encoder.state_dict()["layer4.1.conv2.weight"].cpu();
        Assert.False(trained.allclose(source.state_dict()["layer4.1.conv2.weight"]), "stage 1 did not train the loaded encoder");
    }

    [Fact]
    public void PrefetchedViewsComeFromTheFilesAndDoNotDependOnTheThreads()
    {
        using var folder = new TempFolder();
        var root = TinyImageSet.Write(folder.Path);
        using var data = PreparedDataset.Load(root, Load);
        Assert.Equal(48, data.Train.ImagePaths!.Count);
        Assert.True(data.Train.ImageNetNormalized && data.Test.ImageNetNormalized);
        Assert.True(data.Train.StoresPixelBytes, "the prepared rows are not held as uint8 pixels");
        using (NewDisposeScope())
            Assert.True(data.Train.Rows(0, data.Train.Count).min().item<float>() < -0.5f, "the rows are not in the ImageNet normalisation");
        Assert.Equal(Path.GetFullPath(TinyImageSet.TrainImage(root, 3)), data.Train.ImagePaths[3]);
        var spec = EncoderSpec.ResNet18(smallImages: false, width: 4);
        var options = Paper with { RunBaseline = false, ProbeEpochs = 1 };
        var loss = ContrastiveLoss.MulSupCon(0.07);
        IReadOnlyList<double> Losses(TrainingOptions o, MultiLabelDataset d)
        {
            using var result = Experiment.Run(d, spec, loss, o);
            return result.PretrainLosses;
        }
        var one = Losses(options with { ImageWorkers = 1, PrefetchBatches = 1 }, data);
        var three = Losses(options with { ImageWorkers = 3, PrefetchBatches = 4 }, data);
        Assert.Equal(one, three);

        // The same rows without their files: the views are made from the in-memory centre crops (uint8 pixels) instead, so
        // the losses differ; they are still reproducible.
        using var inMemory = new MultiLabelDataset(data.Name, data.Kind, data.LabelNames,
            new DatasetSplit("train", InputKind.Image, data.Train.Inputs.clone(), data.Train.Labels.clone(), imageNetNormalized: true),
            new DatasetSplit("validation", InputKind.Image, data.Validation.Inputs.clone(), data.Validation.Labels.clone(), imageNetNormalized: true),
            new DatasetSplit("test", InputKind.Image, data.Test.Inputs.clone(), data.Test.Labels.clone(), imageNetNormalized: true), data.IsSurrogate, data.Description);
        var memory = Losses(options, inMemory);
        Assert.NotEqual(one, memory);
        Assert.Equal(memory, Losses(options with { ImageWorkers = 2 }, inMemory));

        // A training image broken after loading: stage 1 decodes it again and names it.
        var broken = TinyImageSet.TrainImage(root, 7);
        var bytes = File.ReadAllBytes(broken);
        File.WriteAllBytes(broken, bytes[..(bytes.Length / 3)]);
        var error = Assert.Throws<InvalidDataException>(() => Losses(options, data));
        Assert.Contains(Path.GetFullPath(broken), error.Message);
    }

    [Fact]
    public void PixelByteRowsTrainAsTheirFloatRowsThroughAllStages()
    {
        using var folder = new TempFolder();
        using var data = PreparedDataset.Load(TinyImageSet.Write(folder.Path), Load);
        Assert.True(data.Splits.All(s => s.StoresPixelBytes), "the ImageNet loader did not hold uint8 pixels");
        // Twins without image files (so stage 1 augments the batches on the training thread): the same uint8 pixels, and
        // the float32 rows they read as.
        MultiLabelDataset Twin(bool asFloat)
        {
            using var scope = NewDisposeScope();
            var splits = data.Splits.Select(s => new DatasetSplit(s.Name, InputKind.Image, asFloat ? s.Rows(0, s.Count) : s.Inputs.clone(),
                s.Labels.clone(), imageNetNormalized: true)).ToArray();
            return new MultiLabelDataset(data.Name, data.Kind, data.LabelNames, splits[0], splits[1], splits[2], data.IsSurrogate, data.Description);
        }
        using var bytes = Twin(asFloat: false);
        using var floats = Twin(asFloat: true);
        Assert.True(bytes.Train.StoresPixelBytes);
        Assert.False(floats.Train.StoresPixelBytes);
        var options = Paper with { Augmentation = ImageAugmentation.SimClr(), PretrainEpochs = 2, ProbeEpochs = 2, BaselineEpochs = 2 };
        var spec = EncoderSpec.ResNet18(smallImages: false, width: 4);
        var loss = ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.07);
        using var fromBytes = Experiment.Run(bytes, spec, loss, options);
        using var fromFloats = Experiment.Run(floats, spec, loss, options);
        Assert.All(fromBytes.PretrainLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(fromFloats.PretrainLosses, fromBytes.PretrainLosses);
        Assert.Equal(fromFloats.Pretraining.ValidationValues, fromBytes.Pretraining.ValidationValues);
        Assert.Equal(fromFloats.Probe.Training.TrainLosses, fromBytes.Probe.Training.TrainLosses);
        Assert.Equal(fromFloats.Probe.Test!.MeanAveragePrecision, fromBytes.Probe.Test!.MeanAveragePrecision);
        Assert.Equal(fromFloats.Baseline!.Training.TrainLosses, fromBytes.Baseline!.Training.TrainLosses);
        Assert.Equal(fromFloats.Baseline.Test!.MicroF1, fromBytes.Baseline.Test!.MicroF1);
        using (no_grad())
        using (NewDisposeScope())
            Assert.True(Embeddings.Extract(fromBytes.Encoder, bytes.Test).equal(Embeddings.Extract(fromBytes.Encoder, floats.Test)).all().item<bool>());
    }

    [Fact]
    public void PrefetchedStage1InterruptedAndResumedGivesTheUninterruptedLosses()
    {
        using var folder = new TempFolder();
        using var data = PreparedDataset.Load(TinyImageSet.Write(folder.Path), Load);
        var spec = EncoderSpec.ResNet18(smallImages: false, width: 4);
        var loss = ContrastiveLoss.MulSupCon(0.07);
        TrainingOptions Options(string name) => Paper with
        {
            RunBaseline = false, PretrainEpochs = 3, ProbeEpochs = 1, ImageWorkers = 2, CheckpointDirectory = Path.Combine(folder.Path, name),
        };
        using var straight = Experiment.Run(data, spec, loss, Options("straight"));
        using var cancel = new CancellationTokenSource();
        var stop = new ProgressLog(r => { if (r.Stage == TrainingStage.Pretrain && r.EpochFinished && r.Epoch == 1) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => Experiment.Run(data, spec, loss, Options("resumed"), stop, cancel.Token));
        using var resumed = Experiment.Run(data, spec, loss, Options("resumed") with { Resume = true });
        Assert.Equal(straight.PretrainLosses, resumed.PretrainLosses);
    }

    [Fact]
    public void ImageRowsThatWouldNotFitInMemoryAreRefusedBeforeDecoding()
    {
        using var folder = new TempFolder();
        var root = TinyImageSet.Write(folder.Path);
        const long needed = 80L * 3 * 32 * 32; // 48 + 16 + 16 rows of 3 × 32 × 32 uint8 pixels
        using (PreparedDataset.Load(root, Load with { MaxImageBytes = needed })) { }
        var error = Assert.Throws<InsufficientMemoryException>(() => PreparedDataset.Load(root, Load with { MaxImageBytes = needed - 1 }));
        Assert.Contains("80 images", error.Message);
        Assert.Contains("MaxRowsPerSplit ≤ 26", error.Message);
        // The float32 rows of the whole-image resize need four times as much.
        var whole = new PreparedLoadOptions { ImageSize = 32, MaxImageBytes = 4 * needed - 1 };
        Assert.Contains("float32 rows", Assert.Throws<InsufficientMemoryException>(() => PreparedDataset.Load(root, whole)).Message);
        using (PreparedDataset.Load(root, whole with { MaxImageBytes = 4 * needed })) { }
    }

    [Fact]
    public void ImagePathsBelongToImageSplitsOnePerRow()
    {
        using var labels = zeros(3, 2);
        using var split = new DatasetSplit("train", InputKind.Image, zeros(3, 3, 8, 8), labels.clone());
        Assert.Null(split.ImagePaths);
        var error = Assert.Throws<ArgumentException>(() => new DatasetSplit("train", InputKind.Image, zeros(3, 3, 8, 8), labels.clone()) { ImagePaths = ["a.png", "b.png"] });
        Assert.Contains("2 image paths for 3", error.Message);
        Assert.Throws<ArgumentException>(() => new DatasetSplit("train", InputKind.Vector, zeros(3, 4), labels.clone()) { ImagePaths = ["a", "b", "c"] });
        // ImageNet-normalised pixels are accepted only when the split says so, and only within the normalisation's range.
        using var normalised = full(new long[] { 3, 3, 8, 8 }, -1.5f); // within every channel's range (blue: ≥ −1.804)
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => new DatasetSplit("train", InputKind.Image, normalised.clone(), labels.clone())).Message);
        using var ok = new DatasetSplit("train", InputKind.Image, normalised.clone(), labels.clone(), imageNetNormalized: true);
        Assert.True(ok.ImageNetNormalized);
        using var tooLow = full(new long[] { 3, 3, 8, 8 }, -2.2f); // below (0 − 0.485) / 0.229 = −2.118 in the red channel
        Assert.Contains("ImageNet normalisation", Assert.Throws<ArgumentException>(() => new DatasetSplit("train", InputKind.Image, tooLow.clone(), labels.clone(), imageNetNormalized: true)).Message);
    }
}

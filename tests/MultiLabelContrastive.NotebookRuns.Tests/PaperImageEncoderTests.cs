using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Reproduction;
using MultiLabelContrastive.Training;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.NotebookRuns.Tests;

/// <summary>The results runner with a <c>ResNetWeights</c> file: torchvision's own <c>.pth</c> format is accepted, the
/// image rows get TorchVision's network with the file's weights and the paper's training settings, and the plan says
/// so before anything trains.</summary>
public sealed class PaperImageEncoderTests
{
    private static string PaperResults => Path.Combine(RepositoryRoot.Path, "notebooks", "paper-results", "results.csv");

    /// <summary>torchvision's ResNet-18 with its classifier, random weights, saved as torch.save writes a state dict.</summary>
    private static string WriteTorchvisionResNet18(string folder)
    {
        var path = Path.Combine(folder, "resnet18-random.pth");
        random.manual_seed(31).Dispose();
        using var model = torchvision.models.resnet18();
        model.save_py(path);
        return path;
    }

    [Fact]
    public void ATorchvisionPthFileRunsTheImageTableWithThePapersSettings()
    {
        using var folder = new TempFolder();
        var weights = WriteTorchvisionResNet18(folder.Path);
        var options = new TableRunOptions { Size = RunSize.Quick, Seeds = [1], ResNetWeights = weights };
        var plan = TablePlan.For("conference", "4", options, PaperResults);

        var rows = plan.PlanRows.Where(r => r.Stage == "image datasets (ResNetWeights)").ToDictionary(r => r.Setting, r => r.Value);
        Assert.StartsWith("SGD, momentum 0.9", rows["optimizer"]);
        Assert.Equal("0.05, 0.1, 0.01", rows["learning rates: stage 1, stage 2, BCE baseline"]);
        Assert.StartsWith("1, 3, 3 (quick run; the paper's setting at full size: 100, 30 and 30)", rows["epochs: stage 1, stage 2, BCE baseline"]);
        Assert.Contains(weights, rows["encoder"]);

        var results = plan.Run();
        var source = Assert.Single(results.Sources);
        Assert.Equal("ResNet-18 (TorchVision, weights resnet18-random.pth) (pretrained weights)", source.OurEncoder);
        Assert.Equal(TableRuns.Losses.Count + 1, results.Runs.Count);
        Assert.All(results.Runs, r => Assert.True(double.IsFinite(r.Report.MacroAuc)));
        Assert.False(results.UsesPaperEncoders); // ResNet-18, not the paper's ResNet-50
    }

    [Fact]
    public void ThePapersImageTrainingFollowsTheRunSizeAndExplicitEpochs()
    {
        var paper = TrainingOptions.PaperImageRows;
        var quick = StageSettings.For(new TableRunOptions { Size = RunSize.Quick }).PaperImageTraining(new TableRunOptions { Size = RunSize.Quick }, paper);
        Assert.Equal((OptimizerKind.Sgd, 0.9, 1e-4), (quick.Optimizer, quick.Momentum, quick.WeightDecay));
        Assert.Equal((0.05, 0.1, 0.01), (quick.PretrainLearningRate, quick.ProbeLearningRate, quick.BaselineLearningRate));
        Assert.Equal((1, 3, 3), (quick.PretrainEpochs, quick.ProbeEpochs, quick.BaselineEpochs));
        var fullOptions = new TableRunOptions { Size = RunSize.Full };
        var full = StageSettings.For(fullOptions).PaperImageTraining(fullOptions, paper);
        Assert.Equal((paper.PretrainEpochs, paper.ProbeEpochs, paper.BaselineEpochs), (full.PretrainEpochs, full.ProbeEpochs, full.BaselineEpochs));
        var explicitOptions = fullOptions with { PretrainEpochs = 7, ProbeEpochs = 4, BatchSize = 32 };
        var chosen = StageSettings.For(explicitOptions).PaperImageTraining(explicitOptions, paper);
        Assert.Equal((7, 4, 4, 32), (chosen.PretrainEpochs, chosen.ProbeEpochs, chosen.BaselineEpochs, chosen.BatchSize));
        Assert.DoesNotContain(StageSettings.For(new TableRunOptions()).Plan(new TableRunOptions()), r => r.Stage.Contains("ResNetWeights"));
    }

    [Fact]
    public void AFileThatIsNotAResNetIsRefusedWhenThePlanIsMade()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "mlp.safetensors");
        Safetensors.SaveStateDict(path, new Dictionary<string, Tensor> { ["layers.0.weight"] = zeros(4, 4) });
        var error = Assert.Throws<WeightsFileException>(() => TablePlan.For("journal", "II", new TableRunOptions { ResNetWeights = path }, PaperResults));
        Assert.Contains("does not hold ResNet weights", error.Message);
    }
}

using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training.Tests.Support;

namespace MultiLabelContrastive.Training.Tests.Training;

/// <summary>
/// Yeast with the MulSupCon settings through <see cref="Experiment.Run(MultiLabelDataset, EncoderSpec, ContrastiveLoss, TrainingOptions?, IProgress{TrainingProgress}?, CancellationToken)"/>,
/// shortened to a few epochs (the full run is <c>tests/MultiLabelContrastive.Benchmarks -- yeast</c>).
/// </summary>
public class YeastEndToEndTests
{
    [Fact]
    public void MulSupConSettingsTrainBothStagesAndTheBaselineOnYeast()
    {
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
        var options = TrainingOptions.MulSupConYeast with { Device = "cpu", Threads = 1, PretrainEpochs = 5, ProbeEpochs = 20, BaselineEpochs = 10, RunBaseline = true };
        using var result = Experiment.Run(yeast, EncoderSpec.MulSupConMlp(), ContrastiveLoss.MulSupCon(0.1), options);

        Assert.Equal(5, result.PretrainLosses.Count);
        Assert.Equal(1200 / 64, result.Pretraining.StepsPerEpoch);
        Assert.Equal(256, ((Mlp)result.Encoder).OutputSize);
        var probe = result.Probe.Test!;
        var baseline = result.Baseline!.Test!;
        Assert.Equal(917, probe.Samples);
        Assert.Equal(14, probe.Labels);
        // Ranking by label frequency alone gives mAP ≈ mean label frequency (≈ 0.30); both models must clearly beat it.
        Assert.True(probe.MeanAveragePrecision > 0.40, $"probe mAP {probe.MeanAveragePrecision:F4}");
        Assert.True(baseline.MeanAveragePrecision > 0.40, $"baseline mAP {baseline.MeanAveragePrecision:F4}");
        Assert.True(probe.MicroF1 > 0.5, $"probe micro-F1 {probe.MicroF1:F4}");
        Assert.Equal(probe.NamedValues().Count, result.Metrics.Count);
    }
}

using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Training.Tests.Support;

/// <summary>A tiny seeded vector task where label-aware training matters: the label signal lives in 8 of 32 latent
/// dimensions, the rest is nuisance, so a random narrow encoder loses most of it.</summary>
internal static class TinyTask
{
    public static MultiLabelDataset Dataset(int seed = 7, int train = 256) => SyntheticGenerator.Generate(new SyntheticOptions
    {
        Name = "tiny",
        Kind = InputKind.Vector,
        LabelCount = 8,
        MeanLabelsPerSample = 2,
        ZipfExponent = 0.5,
        TrainCount = train,
        ValidationCount = 96,
        TestCount = 256,
        FeatureCount = 32,
        LatentDimension = 8,
        NuisanceDimension = 24,
        NoiseStd = 0.1,
        Seed = seed,
    });

    public static Func<Encoder> Encoder => () => new Mlp(32, [64, 16], dropout: 0.1);

    public static TrainingOptions Options => new()
    {
        Device = "cpu",
        Threads = 1, // two shared cores: one torch thread is faster and steadier
        BatchSize = 64,
        PretrainEpochs = 20,
        PretrainLearningRate = 3e-3,
        ProbeEpochs = 25,
        ProbeLearningRate = 3e-2,
        BaselineEpochs = 20,
        BaselineLearningRate = 3e-3,
        ProjectionSize = 16,
        EarlyStoppingPatience = 0,
        Augmentation = new MultiLabelContrastive.Augmentation.VectorAugmentation(0.2, 0.05),
    };
}

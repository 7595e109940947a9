using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training.Tests.Support;

namespace MultiLabelContrastive.Training.Tests.Training;

/// <summary>Every encoder family runs through both stages and the baseline with its default augmentation.</summary>
public class EncoderKindsTrainingTests
{
    private static TrainingOptions Short => TinyTask.Options with
    {
        Augmentation = null, PretrainEpochs = 2, ProbeEpochs = 2, BaselineEpochs = 1, RunBaseline = true, BatchSize = 16, QueueSize = 32,
    };

    private static MultiLabelDataset Synthetic(InputKind kind) => SyntheticGenerator.Generate(new SyntheticOptions
    {
        Name = $"tiny-{kind}", Kind = kind, LabelCount = 5, MeanLabelsPerSample = 1.5, TrainCount = 48, ValidationCount = 16, TestCount = 24,
        ImageSize = 16, MeanWords = 12, MaxTokens = 24, WordCount = 60, Seed = 3,
    });

    public static TheoryData<string> Specs => new(["textcnn", "transformer", "resnet18", "resnet50"]);

    [Theory]
    [MemberData(nameof(Specs))]
    public void TrainsEndToEnd(string name)
    {
        var spec = name switch
        {
            "textcnn" => EncoderSpec.TextCnn(embeddingSize: 16, filters: 8),
            "transformer" => EncoderSpec.Transformer(modelSize: 16, heads: 2, layers: 1),
            "resnet18" => EncoderSpec.ResNet18(smallImages: true, width: 4),
            _ => EncoderSpec.ResNet50(smallImages: true, width: 2),
        };
        using var data = Synthetic(spec.Input);
        var progress = new ProgressLog();
        using var result = Experiment.Run(data, spec, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.1), Short, progress);
        Assert.Equal(2, result.PretrainLosses.Count);
        Assert.All(result.PretrainLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(24, result.Probe.Test!.Samples);
        Assert.Equal(24, result.Baseline!.Test!.Samples);
        using var features = Embeddings.Extract(result.Encoder, data.Test, batchSize: 7);
        Assert.Equal(new long[] { 24, result.Encoder.OutputSize }, features.shape);
        Assert.Equal(spec.Input == InputKind.Image ? typeof(ImageAugmentation) : typeof(TokenAugmentation), ViewAugmentation.For(spec.Input).GetType());
    }

    [Fact]
    public void SpecsReadTheirSizesFromTheDataAndRefuseOtherKinds()
    {
        using var tokens = Synthetic(InputKind.Tokens);
        using var transformer = (SmallTransformer)EncoderSpec.Transformer(modelSize: 8, heads: 2, layers: 1).Create(tokens);
        Assert.Equal((long)tokens.VocabularySize!.Value, transformer.VocabularySize);
        Assert.Equal(tokens.RowShape[0], transformer.MaxLength);
        using var vectors = TinyTask.Dataset();
        using var mlp = (Mlp)EncoderSpec.Default(InputKind.Vector).Create(vectors);
        Assert.Equal(32, mlp.InputSize);
        Assert.Throws<ArgumentException>("dataset", () => EncoderSpec.ResNet18().Create(vectors));
        Assert.Throws<ArgumentException>("split", () => Embeddings.Extract(mlp, tokens.Train));
    }
}

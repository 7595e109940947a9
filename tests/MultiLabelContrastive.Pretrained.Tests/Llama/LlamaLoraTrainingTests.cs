using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Pretrained.Llama;
using MultiLabelContrastive.Pretrained.Lora;
using MultiLabelContrastive.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>A tiny Llama checkpoint + LoRA trains through both stages of the trainer on surrogate text.</summary>
public sealed class LlamaLoraTrainingTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-llama-train-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Tiny_llama_with_lora_trains_both_stages_and_only_the_adapters_change()
    {
        using var data = SyntheticGenerator.Generate(new SyntheticOptions
        {
            Name = "surrogate-text", Kind = InputKind.Tokens, LabelCount = 5, MeanLabelsPerSample = 1.5, TrainCount = 48, ValidationCount = 16,
            TestCount = 24, MeanWords = 12, MaxTokens = 24, WordCount = 60, Seed = 3,
        });
        // The surrogate rows pad with 0, so the checkpoint names 0 as its pad id; its vocabulary covers the dataset's.
        var config = TinyLlama.Config(vocabulary: data.VocabularySize!.Value, padId: 0);
        var folder = TinyLlama.Write(root, config: config);
        var spec = LlamaEncoderSpec.WithLora(folder, lora: new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.1 }, dtype: ScalarType.Float32);
        var options = new TrainingOptions
        {
            Device = "cpu", Threads = 1, Seed = 2, BatchSize = 16, PretrainEpochs = 2, PretrainLearningRate = 1e-2, ProjectionSize = 8,
            ProbeEpochs = 2, ProbeLearningRate = 1e-2, EarlyStoppingPatience = 0, Augmentation = TokenAugmentation.Default(),
        };

        using var result = Experiment.Run(data, spec, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.1), options);

        Assert.Equal(2, result.PretrainLosses.Count);
        Assert.All(result.PretrainLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(24, result.Probe.Test!.Samples);
        var encoder = Assert.IsType<LlamaEncoder>(result.Encoder);
        Assert.NotNull(encoder.Adapters);
        var published = Safetensors.LoadStateDict(Path.Combine(folder, "model.safetensors"));
        var trained = encoder.state_dict();
        foreach (var (key, value) in published.Where(kv => kv.Key != "lm_head.weight"))
            Assert.True(value.equal(trained[key].cpu()).all().item<bool>(), $"frozen {key} changed in training");
        Assert.All(encoder.Adapters!.Layers, l => Assert.True(l.B.weight!.abs().max().item<float>() > 0, $"{l.Path}: lora_B stayed zero"));

        // The trained adapter saves in PEFT's format and reproduces the trained encoder's features.
        var adapterFolder = Path.Combine(root, "trained-adapter");
        encoder.Adapters.Save(adapterFolder);
        using var reloaded = LlamaCheckpoint.Open(folder, adapterFolder);
        using var first = Embeddings.Extract(encoder, data.Test);
        using var second = Embeddings.Extract(reloaded, data.Test);
        Assert.True((first - second).abs().max().item<float>() <= 1e-5);
    }
}

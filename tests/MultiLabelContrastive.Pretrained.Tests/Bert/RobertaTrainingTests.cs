using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Pretrained.Bert;
using MultiLabelContrastive.Pretrained.Tokenization;
using MultiLabelContrastive.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Bert;

/// <summary>A tiny RoBERTa checkpoint, fully fine-tuned with the paper's preset, trains through both stages on surrogate
/// texts tokenised by its own byte-level BPE.</summary>
public sealed class RobertaTrainingTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-roberta-train-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static SyntheticOptions Surrogate => new()
    {
        Name = "surrogate-text", Kind = InputKind.Tokens, LabelCount = 5, MeanLabelsPerSample = 1.5, TrainCount = 48, ValidationCount = 16,
        TestCount = 24, MeanWords = 12, MaxTokens = 24, WordCount = 60, Seed = 3,
    };

    private static MultiLabelDataset Tokenised(string folder, int length)
    {
        var corpus = SyntheticGenerator.GenerateTexts(Surrogate);
        var tokenizer = PretrainedTokenizer.FromFolder(CheckpointFolder.Open(folder));
        return PretrainedTextDataset.Create("surrogate-text", corpus.LabelNames, corpus.Train, corpus.Validation, corpus.Test, tokenizer, length,
            isSurrogate: true, "Synthetic texts.");
    }

    [Fact]
    public void Tiny_roberta_fine_tunes_every_weight_in_stage_1_and_the_probe_reads_it_frozen()
    {
        var folder = TinyRoberta.Write(root);
        using var data = Tokenised(folder, 24);
        Assert.Equal(TinyRoberta.VocabularySize, data.VocabularySize);
        var spec = RobertaEncoderSpec.FullFineTuning(folder);
        Assert.StartsWith("RoBERTa tiny-roberta full fine-tuning (dropout 0.1", spec.Name);
        var options = RobertaPresets.Paper with
        {
            Device = "cpu", Threads = 1, Seed = 2, BatchSize = 16, PretrainEpochs = 2, PretrainLearningRate = 1e-3, ProjectionSize = 8,
            ProbeEpochs = 2, ProbeLearningRate = 1e-2, EarlyStoppingPatience = 0,
        };

        using var result = Experiment.Run(data, spec, ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.07), options);

        Assert.Equal(2, result.PretrainLosses.Count);
        Assert.All(result.PretrainLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(24, result.Probe.Test!.Samples);
        var encoder = Assert.IsType<BertEncoder>(result.Encoder);
        var published = Safetensors.LoadStateDict(Path.Combine(folder, "model.safetensors"));
        var trained = encoder.state_dict();
        // Full fine-tuning: the weight matrices and the LayerNorms moved in stage 1.
        foreach (var key in new[] { "embeddings.word_embeddings.weight", "encoder.layer.0.attention.self.query.weight", "encoder.layer.1.output.LayerNorm.weight" })
            Assert.False(published["roberta." + key].equal(trained[key].cpu()).all().item<bool>(), $"{key} did not change in fine-tuning");
    }

    [Fact]
    public void Rows_longer_than_the_positions_or_ids_outside_the_vocabulary_are_refused_before_training()
    {
        var folder = TinyRoberta.Write(root, config: TinyRoberta.Config(maxPositions: 12));
        var spec = RobertaEncoderSpec.FullFineTuning(folder);
        using (var tooLong = Tokenised(folder, 16))
            Assert.Contains("10 positions", Assert.Throws<ArgumentException>(() => spec.Create(tooLong)).Message);
        // The stand-in's own token ids (cl100k remapped to a training vocabulary) are not this checkpoint's.
        using var ours = SyntheticGenerator.Generate(Surrogate with { WordCount = 400, MeanWords = 60, MaxTokens = 8 });
        Assert.True(ours.VocabularySize > TinyRoberta.VocabularySize);
        Assert.Contains("tokenize the texts with this checkpoint's tokenizer", Assert.Throws<ArgumentException>(() => spec.Create(ours)).Message);
    }
}

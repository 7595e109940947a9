using System.Globalization;
using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Pretrained.Bert;
using MultiLabelContrastive.Pretrained.Tokenization;
using MultiLabelContrastive.Training;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.PlmIcd;

/// <summary>
/// <see cref="EncoderSpec"/>s and training settings for a PLM-ICD checkpoint folder (a RoBERTa-PM folder as the hub
/// ships it, or PLM-ICD's own fine-tuned checkpoint: <c>roberta.*</c> keys, its label-wise attention ignored): stage 1
/// fine-tunes the whole encoder on h (<see cref="PlmIcdEncoder"/>'s remarks say which representation and why), stage 2
/// trains PLM-ICD's label-wise attention on the frozen token states. Rows: the note's ids at
/// <see cref="SegmentOptions.PlmIcdMaxTokens"/> tokens (<see cref="PretrainedTextDataset"/>), cut into segments here.
/// </summary>
/// <example><code>
/// var folder = CheckpointFolder.Open("/models/RoBERTa-base-PM-M3-Voc-hf");
/// using var mimic = PretrainedTextDataset.FromPrepared("/data/mimic3-50", PretrainedTokenizer.FromFolder(folder), maxLength: 3072);
/// var result = Experiment.Run(mimic, PlmIcdEncoderSpec.FromFolder("/models/RoBERTa-base-PM-M3-Voc-hf"),
///     ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.07), PlmIcdEncoderSpec.Paper);
/// </code></example>
public static class PlmIcdEncoderSpec
{
    /// <summary>The encoder of a folder.</summary>
    /// <param name="folder">The checkpoint folder (model_type roberta or bert).</param>
    /// <param name="segmentLength">Tokens per segment (PLM-ICD's 128).</param>
    /// <param name="attentionSize">d_a of the label-wise attention.</param>
    /// <param name="dropout">Hidden and attention dropout of the encoder (null: the config's).</param>
    /// <exception cref="CheckpointException">The folder is missing, not a RoBERTa/BERT, or its weights do not fit.</exception>
    public static EncoderSpec FromFolder(string folder, int segmentLength = SegmentOptions.PlmIcdSegmentLength,
        int attentionSize = PlmIcdEncoder.DefaultAttentionSize, double? dropout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _ = BertConfig.From(CheckpointFolder.Open(folder).Config);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"PLM-ICD {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))} (segments of {segmentLength}, label-wise attention d_a {attentionSize})");
        return new EncoderSpec(name, InputKind.Tokens, dataset => Create(folder, dataset, segmentLength, attentionSize, dropout));
    }

    /// <summary>Training settings of our PLM-ICD rows (see the remarks).</summary>
    /// <remarks>The paper gives none for PLM-ICD; PLM-ICD's own are AdamW at 5e-5 over 3,072-token notes. Ours: that
    /// learning rate for stage 1 and the BCE baseline, 1e-3 for the label-wise attention of stage 2, weight decay 0.01
    /// except bias and LayerNorm (the paper's RoBERTa rule), batch 8 notes, warm-up 0.05, token dropout 0.1 into padding
    /// (id 1, RoBERTa's; <see cref="WithPadId"/> for another).</remarks>
    public static TrainingOptions Paper { get; } = WithPadId(1);

    /// <summary><see cref="Paper"/> with token dropout writing <paramref name="padId"/>.</summary>
    /// <param name="padId">The padding id of the checkpoint's tokenizer.</param>
    public static TrainingOptions WithPadId(long padId) => RobertaPresets.WithPadId(padId) with
    {
        BatchSize = 8,
        PretrainLearningRate = 5e-5,
        BaselineLearningRate = 5e-5,
        ProbeLearningRate = 1e-3,
        Augmentation = new TokenAugmentation(tokenDropProbability: 0.1, spanFraction: 0, maskId: padId),
    };

    private static PlmIcdEncoder Create(string folder, MultiLabelDataset dataset, int segmentLength, int attentionSize, double? dropout)
    {
        var checkpoint = CheckpointFolder.Open(folder);
        var config = BertConfig.From(checkpoint.Config);
        if (dropout is { } p)
            config = config with { HiddenDropout = p, AttentionDropout = p };
        if (dataset.VocabularySize is not { } v || v > config.VocabularySize)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Dataset '{dataset.Name}' has token ids up to {(dataset.VocabularySize ?? 0) - 1} but the vocabulary of '{folder}' has {config.VocabularySize}: tokenize the texts with this checkpoint's tokenizer (PretrainedTokenizer.FromFolder, PretrainedTextDataset)."),
                nameof(dataset));
        if (dataset.RowShape[0] % segmentLength != 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Dataset '{dataset.Name}' has rows of {dataset.RowShape[0]} tokens, not a multiple of the segment length {segmentLength}: tokenize with maxLength = segments × {segmentLength} (PLM-ICD: 3,072)."),
                nameof(dataset));
        var encoder = new PlmIcdEncoder(config, segmentLength, attentionSize);
        try
        {
            CheckpointLoader.Load(encoder, checkpoint, PlmIcdEncoder.KeyMap, ScalarType.Float32);
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }
}

using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Bert;

/// <summary>
/// <see cref="EncoderSpec"/>s for a RoBERTa (or BERT) checkpoint folder, for <c>Experiment.Run</c> and the two-stage
/// trainer: the paper's RoBERTa-base setting is full fine-tuning (every weight trained in stage 1, dropout 0.1), then the
/// linear probe on the frozen encoder in stage 2. Train it with <see cref="RobertaPresets.Paper"/> (AdamW, weight decay
/// 0.01 except bias and LayerNorm).
/// </summary>
/// <example><code>
/// var folder = CheckpointFolder.Open("/models/roberta-base");
/// using var aapd = PretrainedTextDataset.FromPrepared("/data/aapd", PretrainedTokenizer.FromFolder(folder), maxLength: 512);
/// var result = Experiment.Run(aapd, RobertaEncoderSpec.FullFineTuning("/models/roberta-base"),
///     ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized, 0.07), RobertaPresets.Paper);
/// </code></example>
public static class RobertaEncoderSpec
{
    /// <summary>The paper's dropout of RoBERTa (hidden and attention).</summary>
    public const double PaperDropout = 0.1;

    /// <summary>The checkpoint with every weight trained. The folder's weights are read again for every encoder created,
    /// so each run starts from the published weights.</summary>
    /// <param name="folder">A RoBERTa (or BERT) checkpoint folder as the hub ships it.</param>
    /// <param name="pooling">Pooling to h (default: the &lt;s&gt; token, what <c>RobertaForSequenceClassification</c> reads).</param>
    /// <param name="dropout">Hidden and attention dropout (null: the paper's 0.1).</param>
    /// <param name="dtype">Dtype of the weights (the paper trains RoBERTa in float32).</param>
    /// <exception cref="CheckpointException">The folder is missing, not a BERT/RoBERTa, or its weights do not fit (checked
    /// here, before any training, and again when an encoder is created).</exception>
    public static EncoderSpec FullFineTuning(string folder, TokenPooling pooling = TokenPooling.Cls, double? dropout = PaperDropout,
        ScalarType dtype = ScalarType.Float32)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var config = BertConfig.From(CheckpointFolder.Open(folder).Config);
        var family = config.ModelType == "bert" ? "BERT" : "RoBERTa";
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{family} {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))} full fine-tuning (dropout {dropout ?? config.HiddenDropout}, {dtype}, {pooling})");
        return new EncoderSpec(name, InputKind.Tokens, dataset => Create(folder, dataset, pooling, dropout, dtype));
    }

    private static BertEncoder Create(string folder, MultiLabelDataset dataset, TokenPooling pooling, double? dropout, ScalarType dtype)
    {
        var checkpoint = CheckpointFolder.Open(folder);
        var config = BertConfig.From(checkpoint.Config);
        if (dataset.VocabularySize is not { } v)
            throw new ArgumentException($"Dataset '{dataset.Name}' does not say its vocabulary size: tokenize its texts with this checkpoint's tokenizer (PretrainedTextDataset).", nameof(dataset));
        if (v > config.VocabularySize)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Dataset '{dataset.Name}' has token ids up to {v - 1} but the vocabulary of '{folder}' has {config.VocabularySize}: tokenize the texts with this checkpoint's tokenizer (PretrainedTokenizer.FromFolder, PretrainedTextDataset)."),
                nameof(dataset));
        long positions = config.MaxPositions - (config.RobertaPositions ? config.PadTokenId + 1 : 0);
        if (dataset.RowShape[0] > positions)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Dataset '{dataset.Name}' has rows of {dataset.RowShape[0]} tokens but '{folder}' has {positions} positions: tokenize with maxLength ≤ {positions}."),
                nameof(dataset));
        return BertEncoder.FromFolder(checkpoint, pooling, dtype, dropout);
    }
}

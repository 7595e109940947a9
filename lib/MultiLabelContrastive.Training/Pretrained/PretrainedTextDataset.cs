using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Text;
using MultiLabelContrastive.Pretrained.Tokenization;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// A <see cref="InputKind.Tokens"/> dataset tokenised by a checkpoint's own tokenizer (instead of the cl100k
/// training-split vocabulary that the stand-in encoders read): rows of <c>maxLength</c> ids with the model's special
/// tokens, padded with its pad id, <see cref="MultiLabelDataset.VocabularySize"/> = the tokenizer's. For PLM-ICD
/// segments use <c>maxLength</c> = segments × segment length (3,072 by default): the encoder cuts the rows into segments.
/// </summary>
public static class PretrainedTextDataset
{
    /// <summary>Tokenises three splits of raw texts.</summary>
    /// <param name="name">Dataset name.</param>
    /// <param name="labelNames">Label names (C).</param>
    /// <param name="train">Training texts and labels.</param>
    /// <param name="validation">Validation texts and labels.</param>
    /// <param name="test">Test texts and labels.</param>
    /// <param name="tokenizer">The checkpoint's tokenizer.</param>
    /// <param name="maxLength">Row length in tokens, special tokens included (RoBERTa: 512; PLM-ICD: 3,072).</param>
    /// <param name="isSurrogate">True for synthetic stand-ins.</param>
    /// <param name="description">Source in words.</param>
    /// <exception cref="ArgumentException">A label index is outside [0, C).</exception>
    public static MultiLabelDataset Create(string name, IReadOnlyList<string> labelNames, TextSplit train, TextSplit validation, TextSplit test,
        PretrainedTokenizer tokenizer, int maxLength, bool isSurrogate, string description)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        DatasetSplit Split(string splitName, TextSplit split)
        {
            var batch = tokenizer.EncodeBatch(split.Texts, maxLength, padToMaxLength: true);
            return new DatasetSplit(splitName, InputKind.Tokens, batch.IdsTensor(), MultiHot(split.LabelIndices, labelNames.Count, splitName));
        }
        return new MultiLabelDataset(name, InputKind.Tokens, labelNames,
            Split("train", train), Split("validation", validation), Split("test", test), isSurrogate,
            $"{description} Tokenised by {tokenizer.Name}, {maxLength} tokens per row.", tokenizer.VocabularySize);
    }

    /// <summary>Reads a prepared text dataset (data-scripts' format) and tokenises it with the checkpoint's tokenizer.</summary>
    /// <param name="folder">Prepared dataset folder (InputKind Tokens).</param>
    /// <param name="tokenizer">The checkpoint's tokenizer.</param>
    /// <param name="maxLength">Row length in tokens.</param>
    /// <param name="maxRowsPerSplit">Keep only the first rows of each split (null: all).</param>
    /// <exception cref="InvalidDataException">The folder is not a prepared text dataset, or fails its checks.</exception>
    public static MultiLabelDataset FromPrepared(string folder, PretrainedTokenizer tokenizer, int maxLength, int? maxRowsPerSplit = null)
    {
        var manifest = PreparedDataset.ReadManifest(folder);
        if (manifest.InputKind != InputKind.Tokens)
            throw new InvalidDataException($"'{folder}' holds {manifest.InputKind} data, not texts.");
        TextSplit Read(string split)
        {
            var rows = PreparedDataset.ReadSplit(folder, manifest, split);
            int take = Math.Min(rows.Count, maxRowsPerSplit ?? int.MaxValue);
            return new TextSplit(rows.Texts!.Take(take).ToArray(), rows.LabelIndices.Take(take).ToArray());
        }
        return Create(manifest.Name, manifest.Labels, Read("train"), Read("validation"), Read("test"), tokenizer, maxLength,
            manifest.IsSurrogate, manifest.Description + $" Prepared dataset '{Path.GetFullPath(folder)}'.");
    }

    private static Tensor MultiHot(IReadOnlyList<IReadOnlyList<int>> labels, int labelCount, string split)
    {
        var flat = new float[labels.Count * (long)labelCount];
        for (int r = 0; r < labels.Count; r++)
            foreach (int c in labels[r])
            {
                if (c < 0 || c >= labelCount)
                    throw new ArgumentException($"Split '{split}', row {r}: label index {c} outside [0, {labelCount}).");
                flat[r * (long)labelCount + c] = 1f;
            }
        return tensor(flat, [labels.Count, labelCount], ScalarType.Float32);
    }
}

using MultiLabelContrastive.Data.Internal;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data;

/// <summary>
/// A multi-label dataset: a label vocabulary and three splits (train, validation, test) of the same input kind.
/// </summary>
/// <remarks>
/// The dataset owns its splits and disposes them in <see cref="Dispose"/>. All splits share the input row shape
/// ([F], [L] or [3, H, W]) and the label count C = <see cref="LabelNames"/>.Count. Synthetic stand-ins of a paper
/// dataset set <see cref="IsSurrogate"/> so that reports never present their numbers as the paper's.
/// </remarks>
public sealed class MultiLabelDataset : IDisposable
{
    /// <summary>Creates a dataset after checking that the splits agree with each other and with the label names.</summary>
    /// <param name="name">Dataset name, e.g. "yeast" or "coco-like"; not blank.</param>
    /// <param name="kind">Input kind of every split.</param>
    /// <param name="labelNames">One distinct, non-blank name per label column; count C ≥ 1.</param>
    /// <param name="train">Training split; at least one row.</param>
    /// <param name="validation">Validation split (may have 0 rows).</param>
    /// <param name="test">Test split (may have 0 rows).</param>
    /// <param name="isSurrogate">True for synthetic stand-ins of a paper dataset.</param>
    /// <param name="description">One or more sentences on the source and preprocessing; not blank.</param>
    /// <param name="vocabularySize">
    /// Tokens only (required there, null otherwise): size V of the id space, every id in [0, V), 0 = padding.
    /// </param>
    /// <exception cref="ArgumentException">Kinds, label counts, row shapes or token ids disagree; the message names the split.</exception>
    public MultiLabelDataset(
        string name,
        InputKind kind,
        IReadOnlyList<string> labelNames,
        DatasetSplit train,
        DatasetSplit validation,
        DatasetSplit test,
        bool isSurrogate,
        string description,
        int? vocabularySize = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(labelNames);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        if (labelNames.Count == 0) throw new ArgumentException("At least one label name is required.", nameof(labelNames));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labelNames.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(labelNames[i]))
                throw new ArgumentException($"Label name {i} is blank.", nameof(labelNames));
            if (!seen.Add(labelNames[i]))
                throw new ArgumentException($"Label name '{labelNames[i]}' (column {i}) appears more than once.", nameof(labelNames));
        }
        if (train.Count == 0) throw new ArgumentException("The training split has no rows.", nameof(train));
        foreach (var (split, param) in new[] { (train, nameof(train)), (validation, nameof(validation)), (test, nameof(test)) })
        {
            if (split.Kind != kind)
                throw new ArgumentException($"Split '{split.Name}' holds {split.Kind} inputs but the dataset is {kind}.", param);
            if (split.LabelCount != labelNames.Count)
                throw new ArgumentException(
                    $"Split '{split.Name}' has {split.LabelCount} label columns but {labelNames.Count} label names were given.", param);
            if (split.ImageNetNormalized != train.ImageNetNormalized)
                throw new ArgumentException(
                    $"Split '{split.Name}' is {(split.ImageNetNormalized ? "" : "not ")}in the ImageNet normalisation but the training split is{(train.ImageNetNormalized ? "" : " not")}.", param);
            if (!split.RowShape.SequenceEqual(train.RowShape))
                throw new ArgumentException(
                    $"Split '{split.Name}' has input rows of shape {SplitChecks.Shape(split.RowShape)} but the training split has {SplitChecks.Shape(train.RowShape)}.",
                    param);
        }
        if (kind == InputKind.Tokens)
        {
            if (vocabularySize is not { } v || v < 2)
                throw new ArgumentException("Token datasets need a vocabulary size ≥ 2 (id 0 is padding).", nameof(vocabularySize));
            foreach (var split in new[] { train, validation, test })
            {
                if (split.Count == 0) continue;
                using var scope = NewDisposeScope();
                var bad = split.Inputs.ge(v);
                if (bad.any().item<bool>())
                {
                    var at = bad.nonzero()[0];
                    throw new ArgumentException(
                        $"Split '{split.Name}' has token id {split.Inputs[at[0], at[1]].item<long>()} at row {at[0].item<long>()}, position {at[1].item<long>()}, outside the vocabulary [0, {v}).",
                        nameof(vocabularySize));
                }
            }
        }
        else if (vocabularySize is not null)
        {
            throw new ArgumentException($"A vocabulary size applies to token datasets only, not {kind}.", nameof(vocabularySize));
        }

        Name = name;
        Kind = kind;
        LabelNames = labelNames.ToArray();
        Train = train;
        Validation = validation;
        Test = test;
        IsSurrogate = isSurrogate;
        Description = description;
        VocabularySize = vocabularySize;
    }

    /// <summary>Dataset name.</summary>
    public string Name { get; }

    /// <summary>Input kind of every split.</summary>
    public InputKind Kind { get; }

    /// <summary>Label names in column order (length C).</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Number of labels C.</summary>
    public int LabelCount => LabelNames.Count;

    /// <summary>Tokens only: size V of the id space (ids in [0, V), 0 = padding); null for other kinds.</summary>
    public int? VocabularySize { get; }

    /// <summary>Shape of one input row: [F] (Vector), [L] (Tokens) or [3, H, W] (Image).</summary>
    public long[] RowShape => Train.RowShape;

    /// <summary>Training split.</summary>
    public DatasetSplit Train { get; }

    /// <summary>Validation split (may have 0 rows).</summary>
    public DatasetSplit Validation { get; }

    /// <summary>Test split (may have 0 rows).</summary>
    public DatasetSplit Test { get; }

    /// <summary>True for a synthetic stand-in of a paper dataset: its numbers are not the paper's.</summary>
    public bool IsSurrogate { get; }

    /// <summary>Source and preprocessing in words; says "surrogate" for synthetic stand-ins.</summary>
    public string Description { get; }

    /// <summary>The three splits in order train, validation, test.</summary>
    public IReadOnlyList<DatasetSplit> Splits => [Train, Validation, Test];

    /// <summary>Disposes the three splits.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} ({Kind}{(IsSurrogate ? ", surrogate" : "")}): {LabelCount} labels, input row {SplitChecks.Shape(RowShape)}, " +
        $"train {Train.Count} / validation {Validation.Count} / test {Test.Count}";
}

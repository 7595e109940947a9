using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Text;

/// <summary>Builds a <see cref="InputKind.Tokens"/> dataset from raw texts with a <see cref="TextEncoder"/> fitted on the training split.</summary>
public static class TextDataset
{
    /// <summary>Tokenises the three splits (each text once) and returns the dataset and the fitted encoder.</summary>
    /// <param name="name">Dataset name.</param>
    /// <param name="labelNames">Label names in column order (C ≥ 1); every label index must lie in [0, C).</param>
    /// <param name="train">Training texts; the vocabulary is fitted on these only.</param>
    /// <param name="validation">Validation texts (may be empty).</param>
    /// <param name="test">Test texts (may be empty).</param>
    /// <param name="options">Row length, minimum count and vocabulary cap.</param>
    /// <param name="isSurrogate">True for synthetic stand-ins of a paper dataset.</param>
    /// <param name="description">Source and preprocessing in words.</param>
    /// <param name="encoder">The fitted encoder (to encode new texts or decode rows).</param>
    /// <returns>Inputs n × L int64 (0 = padding), labels n × C float32, <see cref="MultiLabelDataset.VocabularySize"/> = V.</returns>
    /// <exception cref="ArgumentException">A label index is outside [0, C) (the message names split and row).</exception>
    public static MultiLabelDataset Create(
        string name,
        IReadOnlyList<string> labelNames,
        TextSplit train,
        TextSplit validation,
        TextSplit test,
        TextEncodingOptions options,
        bool isSurrogate,
        string description,
        out TextEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckLabels(train, labelNames.Count, nameof(train));
        CheckLabels(validation, labelNames.Count, nameof(validation));
        CheckLabels(test, labelNames.Count, nameof(test));

        var trainIds = train.Texts.Select(Cl100k.Encode).ToList();
        var fitted = TextEncoder.FromSequences(trainIds, options);
        DatasetSplit Split(string splitName, TextSplit split, IReadOnlyList<IReadOnlyList<int>> ids) =>
            new(splitName, InputKind.Tokens, fitted.Rows(ids), MultiHot(split.LabelIndices, labelNames.Count));
        var dataset = new MultiLabelDataset(
            name, InputKind.Tokens, labelNames,
            Split("train", train, trainIds),
            Split("validation", validation, validation.Texts.Select(Cl100k.Encode).ToList()),
            Split("test", test, test.Texts.Select(Cl100k.Encode).ToList()),
            isSurrogate, description, fitted.Vocabulary.Size);
        encoder = fitted;
        return dataset;
    }

    internal static Tensor MultiHot(IReadOnlyList<IReadOnlyList<int>> labelIndices, int labelCount)
    {
        var flat = new float[labelIndices.Count * (long)labelCount];
        for (var r = 0; r < labelIndices.Count; r++)
            foreach (var c in labelIndices[r])
                flat[r * (long)labelCount + c] = 1f;
        return tensor(flat, [labelIndices.Count, labelCount], ScalarType.Float32);
    }

    private static void CheckLabels(TextSplit split, int labelCount, string paramName)
    {
        for (var r = 0; r < split.Count; r++)
            foreach (var c in split.LabelIndices[r])
                if (c >= labelCount)
                    throw new ArgumentException($"Row {r} has label index {c} but there are only {labelCount} labels.", paramName);
    }
}

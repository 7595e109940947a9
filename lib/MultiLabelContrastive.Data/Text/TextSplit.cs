namespace MultiLabelContrastive.Data.Text;

/// <summary>Raw texts of one split and the label columns set for each text (sparse multi-hot).</summary>
public sealed class TextSplit
{
    /// <summary>Creates a split after checking that texts and label lists pair up.</summary>
    /// <param name="texts">One document per row; not null (empty strings allowed).</param>
    /// <param name="labelIndices">Per row, the 0-based label columns that are 1 (distinct, any order).</param>
    /// <exception cref="ArgumentException">Counts differ, a text or label list is null, or a label index repeats or is negative.</exception>
    public TextSplit(IReadOnlyList<string> texts, IReadOnlyList<IReadOnlyList<int>> labelIndices)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labelIndices);
        if (texts.Count != labelIndices.Count)
            throw new ArgumentException($"{texts.Count} texts but {labelIndices.Count} label lists; they must match.", nameof(labelIndices));
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null) throw new ArgumentException($"Text {i} is null.", nameof(texts));
            var labels = labelIndices[i] ?? throw new ArgumentException($"Label list {i} is null.", nameof(labelIndices));
            if (labels.Any(l => l < 0)) throw new ArgumentException($"Row {i} has a negative label index.", nameof(labelIndices));
            if (labels.Distinct().Count() != labels.Count) throw new ArgumentException($"Row {i} repeats a label index.", nameof(labelIndices));
        }
        Texts = texts;
        LabelIndices = labelIndices;
    }

    /// <summary>Documents, one per row.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Per row, the label columns set to 1.</summary>
    public IReadOnlyList<IReadOnlyList<int>> LabelIndices { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Texts.Count;
}

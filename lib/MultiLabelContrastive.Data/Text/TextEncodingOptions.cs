namespace MultiLabelContrastive.Data.Text;

/// <summary>How texts become fixed-length id rows.</summary>
public sealed record TextEncodingOptions
{
    /// <summary>Default <see cref="MaxLength"/>.</summary>
    public const int DefaultMaxLength = 256;

    /// <summary>Row length L: longer texts keep their first L tokens, shorter ones are padded with 0 at the end. Range: ≥ 1.</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>Minimum training count for a token to get its own id (rarer ones go to the unknown bucket). Range: ≥ 1.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>Optional cap on the vocabulary size V (reserved ids included). Range: ≥ 2 or null.</summary>
    public int? MaxVocabularySize { get; init; }

    internal void Validate()
    {
        if (MaxLength < 1) throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, "MaxLength must be ≥ 1.");
        if (MinCount < 1) throw new ArgumentOutOfRangeException(nameof(MinCount), MinCount, "MinCount must be ≥ 1.");
        if (MaxVocabularySize is < TokenVocabulary.ReservedCount)
            throw new ArgumentOutOfRangeException(nameof(MaxVocabularySize), MaxVocabularySize, "MaxVocabularySize must be ≥ 2.");
    }
}

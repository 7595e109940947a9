namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>PLM-ICD's segmentation of long notes: segments of <see cref="SegmentLength"/> tokens, at most
/// <see cref="MaxTokens"/> tokens per document (PLM-ICD's <c>--chunk_size 128 --max_length 3072</c>).</summary>
public sealed record SegmentOptions
{
    /// <summary>PLM-ICD's segment length.</summary>
    public const int PlmIcdSegmentLength = 128;

    /// <summary>PLM-ICD's maximum document length in tokens.</summary>
    public const int PlmIcdMaxTokens = 3072;

    /// <summary>Tokens per segment. Range: ≥ 2.</summary>
    public int SegmentLength { get; init; } = PlmIcdSegmentLength;

    /// <summary>Tokens per document (special tokens included), a multiple of <see cref="SegmentLength"/>. Range: ≥ SegmentLength.</summary>
    public int MaxTokens { get; init; } = PlmIcdMaxTokens;

    /// <summary>True: every document gets MaxTokens / SegmentLength segments (fixed-size dataset rows). False: a batch
    /// gets as many segments as its longest document needs (PLM-ICD's collator).</summary>
    public bool PadToMaxTokens { get; init; } = true;

    /// <summary>Segments per document at most.</summary>
    public int MaxSegments => MaxTokens / SegmentLength;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (SegmentLength < 2)
            throw new ArgumentOutOfRangeException(nameof(SegmentLength), SegmentLength, "SegmentLength must be ≥ 2.");
        if (MaxTokens < SegmentLength || MaxTokens % SegmentLength != 0)
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, $"MaxTokens must be a positive multiple of SegmentLength ({SegmentLength}).");
    }
}

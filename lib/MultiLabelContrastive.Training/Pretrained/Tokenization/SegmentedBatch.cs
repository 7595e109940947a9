using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>
/// Long documents cut into fixed-length segments as PLM-ICD does: each document is tokenised once (special tokens
/// at the document's start and end, not per segment), truncated to the maximum token count, padded to a whole number
/// of segments, and viewed as Rows × <see cref="Segments"/> × <see cref="SegmentLength"/>. A segment that is all
/// padding has an all-zero mask.
/// </summary>
/// <param name="Ids">Ids, row-major (Rows × Segments × SegmentLength).</param>
/// <param name="Mask">Attention mask, same layout.</param>
/// <param name="Rows">Number of documents.</param>
/// <param name="Segments">Segments per document.</param>
/// <param name="SegmentLength">Tokens per segment.</param>
public sealed record SegmentedBatch(long[] Ids, long[] Mask, int Rows, int Segments, int SegmentLength)
{
    /// <summary>The ids as an int64 tensor (Rows × Segments × SegmentLength).</summary>
    public Tensor IdsTensor() => tensor(Ids, [Rows, Segments, SegmentLength], ScalarType.Int64);

    /// <summary>The attention mask as an int64 tensor (Rows × Segments × SegmentLength).</summary>
    public Tensor MaskTensor() => tensor(Mask, [Rows, Segments, SegmentLength], ScalarType.Int64);
}

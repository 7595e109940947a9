using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>
/// Token ids and attention mask of several texts, padded to one length: row-major <see cref="Rows"/> ×
/// <see cref="Length"/> arrays; mask 1 on real tokens (special tokens included), 0 on padding.
/// </summary>
/// <param name="Ids">Ids, row-major.</param>
/// <param name="Mask">Attention mask, row-major.</param>
/// <param name="Rows">Number of texts.</param>
/// <param name="Length">Padded length.</param>
public sealed record TokenBatch(long[] Ids, long[] Mask, int Rows, int Length)
{
    /// <summary>Ids of one row (padding included).</summary>
    /// <param name="row">Row index.</param>
    public long[] RowIds(int row) => Ids.AsSpan(row * Length, Length).ToArray();

    /// <summary>The ids as an int64 tensor (Rows × Length).</summary>
    public Tensor IdsTensor() => tensor(Ids, [Rows, Length], ScalarType.Int64);

    /// <summary>The attention mask as an int64 tensor (Rows × Length).</summary>
    public Tensor MaskTensor() => tensor(Mask, [Rows, Length], ScalarType.Int64);
}

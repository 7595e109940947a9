using static TorchSharp.torch;

namespace MultiLabelContrastive.Images;

/// <summary>One batch made by <see cref="ImagePrefetcher"/>: its dataset rows and one tensor per view.</summary>
/// <param name="Index">Position of the batch in the epoch's order (0-based).</param>
/// <param name="Rows">Dataset rows of the batch, in order.</param>
/// <param name="Views">One N × 3 × S × S float32 tensor per view; the receiver disposes them (or the batch).</param>
public sealed record ImageBatch(int Index, IReadOnlyList<long> Rows, IReadOnlyList<Tensor> Views) : IDisposable
{
    /// <summary>Disposes the view tensors.</summary>
    public void Dispose()
    {
        foreach (var view in Views) view.Dispose();
    }
}

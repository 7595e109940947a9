using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained;

/// <summary>One stored tensor as a weight file's header describes it (no data read).</summary>
/// <param name="Name">The key as published, e.g. <c>roberta.encoder.layer.0.attention.self.query.weight</c>.</param>
/// <param name="DType">Stored element type.</param>
/// <param name="Shape">Stored shape.</param>
/// <param name="File">The file that holds it.</param>
public sealed record TensorHeader(string Name, ScalarType DType, long[] Shape, string File)
{
    /// <summary>The shape written as [a, b, …].</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// The projection head of contrastive pretraining: Linear → ReLU → Linear, then L2 normalisation of each row
/// (z / max(‖z‖₂, 1e-12)). Used in stage 1 only; the probe and the baseline read the encoder's output.
/// </summary>
/// <remarks>Input: N × H float32. Output: N × D float32 with unit rows (D = 256 by default).</remarks>
public sealed class ProjectionHead : nn.Module<Tensor, Tensor>
{
    /// <summary>Default output size D, as in SupCon and MulSupCon.</summary>
    public const long DefaultOutputSize = 256;

    private readonly Linear hidden;
    private readonly ReLU relu;
    private readonly Linear output;

    /// <summary>Creates a projection head.</summary>
    /// <param name="inputSize">Encoder output size H. Range: ≥ 1.</param>
    /// <param name="outputSize">Embedding size D. Range: ≥ 1.</param>
    /// <param name="hiddenSize">Hidden width (null: H). Range: ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public ProjectionHead(long inputSize, long outputSize = DefaultOutputSize, long? hiddenSize = null) : base(nameof(ProjectionHead))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1L);
        var width = hiddenSize ?? inputSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1L, nameof(hiddenSize));
        hidden = nn.Linear(inputSize, width);
        relu = nn.ReLU();
        output = nn.Linear(width, outputSize);
        InputSize = inputSize;
        OutputSize = outputSize;
        HiddenSize = width;
        RegisterComponents();
    }

    /// <summary>Encoder output size H read by the head.</summary>
    public long InputSize { get; }

    /// <summary>Embedding size D.</summary>
    public long OutputSize { get; }

    /// <summary>Width of the hidden layer.</summary>
    public long HiddenSize { get; }

    /// <summary>Projects N × H representations to N × D unit-norm embeddings.</summary>
    /// <param name="input">N × H float32.</param>
    public override Tensor forward(Tensor input)
    {
        using var h = hidden.call(input);
        using var a = relu.call(h);
        using var z = output.call(a);
        return nn.functional.normalize(z, p: 2, dim: 1);
    }
}

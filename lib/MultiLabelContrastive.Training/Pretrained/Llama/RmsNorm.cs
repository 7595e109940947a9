using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// Root-mean-square layer norm: y = w ⊙ x / √(mean(x²) + ε) over the last dimension. The statistics are computed in
/// float32 whatever the input's dtype (TorchSharp has no autocast, so a bfloat16 model keeps them exact here); the
/// normalised values return to the input's dtype before the weight multiplies them, as in Hugging Face's LlamaRMSNorm.
/// </summary>
/// <remarks>State: <c>weight</c> (H). Input: … × H of any float dtype; output: the same shape and dtype.</remarks>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    /// <summary>Creates a norm with weight 1.</summary>
    /// <param name="size">H. Range: ≥ 1.</param>
    /// <param name="epsilon">ε. Range: &gt; 0.</param>
    /// <param name="dtype">Dtype of the weight.</param>
    public RmsNorm(long size, double epsilon, ScalarType dtype = ScalarType.Float32) : base(nameof(RmsNorm))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1L);
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be > 0.");
        Epsilon = epsilon;
        using (NewDisposeScope())
        {
            weight = nn.Parameter(ones(size, dtype));
            weight.DetachFromDisposeScope();
        }
        RegisterComponents();
    }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to_type(ScalarType.Float32);
        var normalised = x * rsqrt(x.pow(2).mean([-1L], keepdim: true) + Epsilon);
        return (weight * normalised.to_type(input.dtype)).MoveToOuterDisposeScope();
    }
}

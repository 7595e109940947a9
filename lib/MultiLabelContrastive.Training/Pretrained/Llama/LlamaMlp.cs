using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>Llama's SwiGLU feed-forward block: down_proj(silu(gate_proj(x)) ⊙ up_proj(x)).</summary>
/// <remarks>State: <c>gate_proj</c>, <c>up_proj</c>, <c>down_proj</c> (bias with mlp_bias), as in Hugging Face's LlamaMLP.</remarks>
public sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the checkpoint's key names.
    private readonly Linear gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;
#pragma warning restore IDE1006

    /// <summary>Creates the block.</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="dtype">Dtype of the weights.</param>
    public LlamaMlp(LlamaConfig config, ScalarType dtype) : base(nameof(LlamaMlp))
    {
        ArgumentNullException.ThrowIfNull(config);
        gate_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype: dtype);
        up_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype: dtype);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, config.MlpBias, dtype: dtype);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var gated = nn.functional.silu(gate_proj.call(input)) * up_proj.call(input);
        return down_proj.call(gated).MoveToOuterDisposeScope();
    }
}

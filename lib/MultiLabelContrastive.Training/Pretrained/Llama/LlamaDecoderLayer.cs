using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>One pre-norm Llama layer: x + attention(RMSNorm(x)), then x + SwiGLU(RMSNorm(x)).</summary>
/// <remarks>State: <c>self_attn</c>, <c>mlp</c>, <c>input_layernorm</c>, <c>post_attention_layernorm</c>, as in Hugging
/// Face's LlamaDecoderLayer.</remarks>
public sealed class LlamaDecoderLayer : nn.Module
{
#pragma warning disable IDE1006 // Field names are the checkpoint's key names.
    private readonly LlamaAttention self_attn;
    private readonly LlamaMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;
#pragma warning restore IDE1006

    /// <summary>Creates a layer.</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="dtype">Dtype of the weights.</param>
    public LlamaDecoderLayer(LlamaConfig config, ScalarType dtype) : base(nameof(LlamaDecoderLayer))
    {
        ArgumentNullException.ThrowIfNull(config);
        self_attn = new LlamaAttention(config, dtype);
        mlp = new LlamaMlp(config, dtype);
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEpsilon, dtype);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEpsilon, dtype);
        RegisterComponents();
    }

    /// <summary>Runs the layer.</summary>
    /// <param name="x">B × T × H.</param>
    /// <param name="cos">T × d.</param>
    /// <param name="sin">T × d.</param>
    /// <param name="allowed">B × 1 × T × T boolean attention mask.</param>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var h = x + self_attn.Forward(input_layernorm.call(x), cos, sin, allowed);
        return (h + mlp.call(post_attention_layernorm.call(h))).MoveToOuterDisposeScope();
    }
}

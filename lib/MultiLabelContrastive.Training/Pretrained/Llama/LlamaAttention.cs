using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// Llama's self-attention with grouped-query attention: q_proj gives H query heads, k_proj and v_proj give K ≤ H
/// key/value heads, each shared by H / K consecutive query heads; RoPE rotates queries and keys; attention is TorchSharp's
/// <c>scaled_dot_product_attention</c> (scale 1/√d) under a boolean mask; o_proj maps the heads back to the hidden size.
/// </summary>
/// <remarks>State: <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>o_proj</c> (<c>.weight</c>, <c>.bias</c> with
/// attention_bias), as in Hugging Face's LlamaAttention. No KV cache: every call attends over the whole sequence.</remarks>
public sealed class LlamaAttention : nn.Module
{
#pragma warning disable IDE1006 // Field names are the checkpoint's key names.
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
#pragma warning restore IDE1006
    private readonly long heads;
    private readonly long keyValueHeads;
    private readonly long headSize;
    private readonly double dropout;

    /// <summary>Creates the attention block of one layer.</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="dtype">Dtype of the weights.</param>
    public LlamaAttention(LlamaConfig config, ScalarType dtype) : base(nameof(LlamaAttention))
    {
        ArgumentNullException.ThrowIfNull(config);
        heads = config.HeadCount;
        keyValueHeads = config.KeyValueHeadCount;
        headSize = config.HeadSize;
        dropout = config.AttentionDropout;
        q_proj = nn.Linear(config.HiddenSize, heads * headSize, config.AttentionBias, dtype: dtype);
        k_proj = nn.Linear(config.HiddenSize, keyValueHeads * headSize, config.AttentionBias, dtype: dtype);
        v_proj = nn.Linear(config.HiddenSize, keyValueHeads * headSize, config.AttentionBias, dtype: dtype);
        o_proj = nn.Linear(heads * headSize, config.HiddenSize, config.AttentionBias, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>Attends over a batch.</summary>
    /// <param name="x">B × T × H hidden states.</param>
    /// <param name="cos">T × d RoPE table.</param>
    /// <param name="sin">T × d RoPE table.</param>
    /// <param name="allowed">B × 1 × T × T boolean: true where query t may read key s.</param>
    /// <returns>B × T × H.</returns>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor allowed)
    {
        using var scope = NewDisposeScope();
        var (batch, length) = (x.shape[0], x.shape[1]);
        var q = q_proj.call(x).view(batch, length, heads, headSize).transpose(1, 2);
        var k = k_proj.call(x).view(batch, length, keyValueHeads, headSize).transpose(1, 2);
        var v = v_proj.call(x).view(batch, length, keyValueHeads, headSize).transpose(1, 2);
        q = RotaryEmbedding.Rotate(q, cos, sin);
        k = RotaryEmbedding.Rotate(k, cos, sin);
        if (keyValueHeads != heads)
        {
            // Key/value head j serves query heads j·g … j·g + g − 1 (g = H / K), as Hugging Face's repeat_kv.
            var group = heads / keyValueHeads;
            k = k.repeat_interleave(group, 1);
            v = v.repeat_interleave(group, 1);
        }
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, allowed, training ? dropout : 0);
        var merged = attended.transpose(1, 2).reshape(batch, length, heads * headSize);
        return o_proj.call(merged).MoveToOuterDisposeScope();
    }
}

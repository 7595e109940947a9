using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// The Llama decoder stack without the language-model head: token embedding, N <see cref="LlamaDecoderLayer"/>s under a
/// causal + padding mask with RoPE positions 0 … T − 1, and a final RMSNorm. Its forward is Hugging Face's
/// <c>LlamaModel</c> in evaluation mode (<c>last_hidden_state</c>), without a KV cache.
/// </summary>
/// <remarks>State: <c>embed_tokens.weight</c>, <c>layers.N.…</c>, <c>norm.weight</c> — the keys of LlamaForCausalLM
/// after its <c>model.</c> prefix.</remarks>
public sealed class LlamaModel : nn.Module
{
#pragma warning disable IDE1006 // Field names are the checkpoint's key names.
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
#pragma warning restore IDE1006
    private readonly RotaryEmbedding rotary;

    /// <summary>Creates a model with fresh weights in <paramref name="dtype"/>.</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="dtype">Dtype of the weights (Float32, BFloat16 or Float16).</param>
    public LlamaModel(LlamaConfig config, ScalarType dtype = ScalarType.Float32) : base(nameof(LlamaModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (dtype is not (ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16))
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "The Llama weights must be Float32, BFloat16 or Float16.");
        Config = config;
        embed_tokens = nn.Embedding(config.VocabularySize, config.HiddenSize, dtype: dtype);
        layers = nn.ModuleList(Enumerable.Range(0, config.LayerCount).Select(_ => new LlamaDecoderLayer(config, dtype)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEpsilon, dtype);
        rotary = new RotaryEmbedding(config.HeadSize, config.RopeTheta, config.RopeScaling);
        RegisterComponents();
    }

    /// <summary>The sizes.</summary>
    public LlamaConfig Config { get; }

    /// <summary>The last hidden state.</summary>
    /// <param name="ids">B × T int64 token ids in [0, V).</param>
    /// <param name="attentionMask">B × T, 1 (or true) for real tokens and 0 for padding.</param>
    /// <returns>B × T × H in the weights' dtype; rows of padded positions are zero.</returns>
    /// <exception cref="ArgumentException">Shapes disagree, T exceeds max_position_embeddings, or an id is outside [0, V).</exception>
    public Tensor Forward(Tensor ids, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(attentionMask);
        if (ids.dim() != 2 || !ids.shape.SequenceEqual(attentionMask.shape))
            throw new ArgumentException($"Expected B × T ids and a mask of the same shape, got [{string.Join(", ", ids.shape)}] and [{string.Join(", ", attentionMask.shape)}].", nameof(ids));
        var length = ids.shape[1];
        if (length > Config.MaxPositions)
            throw new ArgumentException($"Sequences of {length} tokens exceed max_position_embeddings {Config.MaxPositions}.", nameof(ids));
        using var scope = NewDisposeScope();
        if (ids.numel() > 0 && (ids.min().item<long>() < 0 || ids.max().item<long>() >= Config.VocabularySize))
            throw new ArgumentException($"Token ids must lie in [0, {Config.VocabularySize}).", nameof(ids));
        var device = ids.device;
        var keep = attentionMask.to_type(ScalarType.Bool);
        // Query t reads key s when s ≤ t and s is a real token; every position also reads itself, so a padding query
        // never has an empty row (its output is discarded: it would be NaN otherwise).
        var causal = ones(length, length, ScalarType.Bool, device).tril();
        var allowed = causal.unsqueeze(0).logical_and(keep.unsqueeze(1)).logical_or(eye(length, dtype: ScalarType.Bool, device: device)).unsqueeze(1);
        var x = embed_tokens.call(ids);
        var (cos, sin) = rotary.Tables(length, x.dtype, device);
        foreach (var layer in layers) x = layer.Forward(x, cos, sin, allowed);
        x = norm.call(x) * keep.unsqueeze(2).to_type(x.dtype);
        return x.MoveToOuterDisposeScope();
    }
}

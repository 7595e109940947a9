using System.Globalization;
using System.Text.Json;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// The sizes and settings of a Llama checkpoint, read from the <c>config.json</c> that the Hugging Face hub ships with
/// <c>LlamaForCausalLM</c> (Llama 2, 3, 3.1, 3.2). Only what the encoder uses is kept; the generation settings are ignored.
/// </summary>
/// <remarks>
/// Supported: <c>model_type</c> "llama", <c>hidden_act</c> "silu", <c>rope_scaling</c> absent, "default" or "llama3"
/// (Llama 3.1's frequency scaling). Other RoPE scalings (linear, dynamic, yarn, longrope) are refused by name rather
/// than silently ignored.
/// </remarks>
public sealed record LlamaConfig
{
    /// <summary>Size V of the token id space.</summary>
    public required long VocabularySize { get; init; }

    /// <summary>Hidden size H (the size of the representation).</summary>
    public required long HiddenSize { get; init; }

    /// <summary>Inner size of the SwiGLU feed-forward block.</summary>
    public required long IntermediateSize { get; init; }

    /// <summary>Number of decoder layers.</summary>
    public required int LayerCount { get; init; }

    /// <summary>Number of query heads.</summary>
    public required long HeadCount { get; init; }

    /// <summary>Number of key/value heads (grouped-query attention when below <see cref="HeadCount"/>).</summary>
    public required long KeyValueHeadCount { get; init; }

    /// <summary>Size of one head (<c>head_dim</c>, default H / heads).</summary>
    public required long HeadSize { get; init; }

    /// <summary>Longest position the model was configured for.</summary>
    public required long MaxPositions { get; init; }

    /// <summary>ε of every RMSNorm.</summary>
    public double RmsNormEpsilon { get; init; } = 1e-6;

    /// <summary>Base θ of the rotary frequencies.</summary>
    public double RopeTheta { get; init; } = 10_000;

    /// <summary>Llama 3.1's frequency scaling, or null for plain RoPE.</summary>
    public Llama3RopeScaling? RopeScaling { get; init; }

    /// <summary>Whether q/k/v/o projections carry a bias.</summary>
    public bool AttentionBias { get; init; }

    /// <summary>Whether the feed-forward projections carry a bias.</summary>
    public bool MlpBias { get; init; }

    /// <summary>Dropout on the attention probabilities in training mode (0 in every published Llama).</summary>
    public double AttentionDropout { get; init; }

    /// <summary>Id of the beginning-of-text token (<c>bos_token_id</c>; 128000 in Llama 3).</summary>
    public long? BosTokenId { get; init; }

    /// <summary>Id of the end-of-text token (<c>eos_token_id</c>, the first one when it is a list).</summary>
    public long? EosTokenId { get; init; }

    /// <summary>Id of the padding token when the config names one (<c>pad_token_id</c>; Llama 3.1 names none).</summary>
    public long? PadTokenId { get; init; }

    /// <summary>The Llama settings of a checkpoint folder's config.json.</summary>
    /// <param name="config">The folder's config (<see cref="CheckpointFolder.Config"/>).</param>
    /// <exception cref="CheckpointException">Not a Llama config (unknown model_type), or a value is missing or out of range; the message names the file and the key.</exception>
    public static LlamaConfig From(CheckpointConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.RequireModelType("Llama", "llama");
        return Parse(config.Root, config.File);
    }

    /// <summary>Reads a config from its JSON object.</summary>
    /// <param name="root">The JSON object of config.json.</param>
    /// <param name="source">Where it came from (named in errors).</param>
    /// <exception cref="CheckpointException">Not a Llama config, or a value is missing or out of range.</exception>
    public static LlamaConfig Parse(JsonElement root, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (root.ValueKind != JsonValueKind.Object) throw new CheckpointException(source, $"does not hold a JSON object.");
        var modelType = String(root, "model_type", source);
        if (modelType != "llama")
            throw new CheckpointException(source, $"has model_type '{modelType}'; the Llama encoder reads model_type 'llama' only.");
        var activation = OptionalString(root, "hidden_act", source) ?? "silu";
        if (activation != "silu")
            throw new CheckpointException(source, $"has hidden_act '{activation}'; Llama's SwiGLU needs 'silu'.");

        var hidden = Integer(root, "hidden_size", source);
        var heads = Integer(root, "num_attention_heads", source);
        var kvHeads = OptionalInteger(root, "num_key_value_heads", source) ?? heads;
        var headSize = OptionalInteger(root, "head_dim", source) ?? (hidden % heads == 0 ? hidden / heads : 0);
        if (headSize <= 0 || headSize % 2 != 0)
            throw new CheckpointException(source, $"head_dim {headSize} (hidden_size {hidden} / num_attention_heads {heads}) must be a positive even integer.");
        if (heads % kvHeads != 0)
            throw new CheckpointException(source, $"num_attention_heads {heads} is not a multiple of num_key_value_heads {kvHeads}.");
        var config = new LlamaConfig
        {
            VocabularySize = Integer(root, "vocab_size", source),
            HiddenSize = hidden,
            IntermediateSize = Integer(root, "intermediate_size", source),
            LayerCount = checked((int)Integer(root, "num_hidden_layers", source)),
            HeadCount = heads,
            KeyValueHeadCount = kvHeads,
            HeadSize = headSize,
            MaxPositions = OptionalInteger(root, "max_position_embeddings", source) ?? 2048,
            RmsNormEpsilon = OptionalNumber(root, "rms_norm_eps", source) ?? 1e-6,
            RopeTheta = OptionalNumber(root, "rope_theta", source) ?? 10_000,
            RopeScaling = Scaling(root, source),
            AttentionBias = OptionalBool(root, "attention_bias", source) ?? false,
            MlpBias = OptionalBool(root, "mlp_bias", source) ?? false,
            AttentionDropout = OptionalNumber(root, "attention_dropout", source) ?? 0,
            BosTokenId = FirstInteger(root, "bos_token_id", source),
            EosTokenId = FirstInteger(root, "eos_token_id", source),
            PadTokenId = FirstInteger(root, "pad_token_id", source),
        };
        if (!(config.RmsNormEpsilon > 0)) throw new CheckpointException(source, $"rms_norm_eps must be > 0.");
        if (!(config.RopeTheta > 0)) throw new CheckpointException(source, $"rope_theta must be > 0.");
        if (config.AttentionDropout is < 0 or >= 1) throw new CheckpointException(source, $"attention_dropout must lie in [0, 1).");
        return config;
    }

    private static Llama3RopeScaling? Scaling(JsonElement root, string source)
    {
        if (!root.TryGetProperty("rope_scaling", out var scaling) || scaling.ValueKind == JsonValueKind.Null) return null;
        if (scaling.ValueKind != JsonValueKind.Object) throw new CheckpointException(source, $"rope_scaling must be an object or null.");
        var kind = OptionalString(scaling, "rope_type", source) ?? OptionalString(scaling, "type", source) ?? "default";
        switch (kind)
        {
            case "default":
                return null;
            case "llama3":
                var result = new Llama3RopeScaling(
                    Number(scaling, "factor", source),
                    Number(scaling, "low_freq_factor", source),
                    Number(scaling, "high_freq_factor", source),
                    Number(scaling, "original_max_position_embeddings", source));
                if (!(result.Factor > 0 && result.LowFrequencyFactor > 0 && result.HighFrequencyFactor > result.LowFrequencyFactor && result.OriginalMaxPositions > 0))
                    throw new CheckpointException(source, $"rope_scaling needs factor > 0, 0 < low_freq_factor < high_freq_factor and original_max_position_embeddings > 0.");
                return result;
            default:
                throw new CheckpointException(source, $"rope_scaling type '{kind}' is not supported (supported: default, llama3).");
        }
    }

    private static JsonElement Required(JsonElement e, string key, string source) =>
        e.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new CheckpointException(source, $"has no '{key}'.");

    private static string String(JsonElement e, string key, string source)
    {
        var value = Required(e, key, source);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new CheckpointException(source, $"'{key}' must be a string.");
    }

    private static string? OptionalString(JsonElement e, string key, string source) =>
        e.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? String(e, key, source) : null;

    private static long Integer(JsonElement e, string key, string source)
    {
        var value = Required(e, key, source);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 1)
            throw new CheckpointException(source, $"'{key}' must be a positive integer, found {value.GetRawText()}.");
        return n;
    }

    private static long? OptionalInteger(JsonElement e, string key, string source) =>
        e.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? Integer(e, key, source) : null;

    private static long? FirstInteger(JsonElement e, string key, string source)
    {
        if (!e.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Array) value = value.EnumerateArray().FirstOrDefault();
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new CheckpointException(source, $"'{key}' must be a non-negative integer.");
    }

    private static double Number(JsonElement e, string key, string source)
    {
        var value = Required(e, key, source);
        return value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : throw new CheckpointException(source, $"'{key}' must be a finite number, found {value.GetRawText()}.");
    }

    private static double? OptionalNumber(JsonElement e, string key, string source) =>
        e.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? Number(e, key, source) : null;

    private static bool? OptionalBool(JsonElement e, string key, string source)
    {
        if (!e.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CheckpointException(source, $"'{key}' must be true or false."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Llama H{HiddenSize} ×{LayerCount} heads {HeadCount}/{KeyValueHeadCount} ff {IntermediateSize} V{VocabularySize}{(RopeScaling is null ? "" : " llama3-RoPE")}");
}

/// <summary>Llama 3.1's RoPE frequency scaling (<c>rope_scaling</c> with <c>rope_type</c> "llama3").</summary>
/// <param name="Factor">Divisor of the low frequencies (8 in Llama 3.1).</param>
/// <param name="LowFrequencyFactor">Wavelengths above original length / this are divided by <paramref name="Factor"/>.</param>
/// <param name="HighFrequencyFactor">Wavelengths below original length / this are unchanged; between the two bounds the
/// frequency is interpolated smoothly.</param>
/// <param name="OriginalMaxPositions">The context length of pretraining (8192 in Llama 3.1).</param>
public sealed record Llama3RopeScaling(double Factor, double LowFrequencyFactor, double HighFrequencyFactor, double OriginalMaxPositions);

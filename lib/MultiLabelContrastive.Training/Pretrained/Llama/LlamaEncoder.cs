using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Pretrained.Lora;
using MultiLabelContrastive.Pretrained.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// A Llama checkpoint as an <see cref="Encoder"/> of the two-stage trainer: <see cref="LlamaModel"/> (module
/// <c>model</c>, so the state-dict keys are exactly <c>LlamaForCausalLM</c>'s without <c>lm_head.weight</c>) and a pooling
/// of its last hidden state to h — by default the last real token (<see cref="TokenPooling.LastToken"/>): the paper names
/// no pooling; in a causal decoder only the last token has read the whole text, and it is what Hugging Face's
/// <c>LlamaForSequenceClassification</c> reads.
/// </summary>
/// <remarks>
/// <para>Input rows are Llama token ids as <see cref="Llama3Tokenizer"/> writes them, padded with <see cref="PadId"/>
/// (Llama 3.1's <c>&lt;|finetune_right_pad_id|&gt;</c>, 128004, unless config.json names a pad_token_id); positions
/// holding it are masked out. <see cref="Encode"/> takes an explicit attention mask instead.</para>
/// <para>Precision: the weights may be bfloat16 (the paper's setting) or float16. TorchSharp has no autocast, so the
/// encoder keeps in float32 itself what must stay exact: RMSNorm statistics, the RoPE angles, the LoRA adapters and the
/// pooled output h — hence the projection head, the classifier and the loss run in float32 too.</para>
/// </remarks>
public sealed class LlamaEncoder : Encoder
{
#pragma warning disable IDE1006 // Field name is the checkpoint's key prefix.
    private readonly LlamaModel model;
#pragma warning restore IDE1006

    /// <summary>Llama 3.1's <c>&lt;|finetune_right_pad_id|&gt;</c>.</summary>
    public const long Llama31PadId = 128_004;

    /// <summary>Creates an encoder with fresh weights (<see cref="LlamaCheckpoint.Open(string, ScalarType, TokenPooling)"/>
    /// loads a checkpoint folder).</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="dtype">Dtype of the weights: Float32, BFloat16 or Float16.</param>
    /// <param name="pooling">Pooling to h.</param>
    /// <param name="padId">Id of padding in input rows (null: pad_token_id of the config, else 128004 when the vocabulary
    /// has it, else eos_token_id).</param>
    public LlamaEncoder(LlamaConfig config, ScalarType dtype = ScalarType.Float32, TokenPooling pooling = TokenPooling.LastToken, long? padId = null)
        : base(nameof(LlamaEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Enum.IsDefined(pooling)) throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling.");
        var pad = padId ?? config.PadTokenId ?? (config.VocabularySize > Llama31PadId ? Llama31PadId : config.EosTokenId ?? 0);
        if (pad < 0 || pad >= config.VocabularySize)
            throw new ArgumentOutOfRangeException(nameof(padId), pad, $"The padding id must lie in [0, {config.VocabularySize}).");
        model = new LlamaModel(config, dtype);
        Config = config;
        Dtype = dtype;
        Pooling = pooling;
        PadId = pad;
        RegisterComponents();
    }

    /// <summary>The sizes.</summary>
    public LlamaConfig Config { get; }

    /// <summary>Dtype of the weights.</summary>
    public ScalarType Dtype { get; }

    /// <summary>Pooling to h.</summary>
    public TokenPooling Pooling { get; }

    /// <summary>Id of padding in the rows <see cref="forward"/> reads.</summary>
    public long PadId { get; }

    /// <summary>The LoRA adapters attached by <see cref="AttachLora"/> or <see cref="LoadAdapter"/>, or null.</summary>
    public LoraAdapters? Adapters { get; private set; }

    /// <summary>Freezes the base weights and attaches fresh LoRA adapters (default: the paper's r 16, α 32, dropout 0.1 on
    /// q_proj and v_proj).</summary>
    /// <param name="options">LoRA settings (null: <see cref="LoraOptions.Llama"/>).</param>
    /// <exception cref="InvalidOperationException">Adapters are already attached.</exception>
    public LoraAdapters AttachLora(LoraOptions? options = null)
    {
        if (Adapters is not null) throw new InvalidOperationException("This encoder already carries LoRA adapters.");
        return Adapters = LoraAdapters.Attach(this, options ?? LoraOptions.Llama);
    }

    /// <summary>Freezes the base weights and attaches the adapter of a PEFT folder.</summary>
    /// <param name="folder">adapter_config.json + adapter_model.safetensors.</param>
    /// <exception cref="CheckpointException">The folder is missing, unsupported or does not fit; the encoder is unchanged.</exception>
    /// <exception cref="InvalidOperationException">Adapters are already attached.</exception>
    public LoraAdapters LoadAdapter(string folder)
    {
        if (Adapters is not null) throw new InvalidOperationException("This encoder already carries LoRA adapters.");
        return Adapters = LoraAdapters.Load(this, folder);
    }

    /// <summary>The decoder stack.</summary>
    public LlamaModel Model => model;

    /// <inheritdoc />
    public override long OutputSize => Config.HiddenSize;

    /// <inheritdoc />
    public override InputKind Input => InputKind.Tokens;

    /// <summary>Maps N × L Llama ids (padding = <see cref="PadId"/>) to N × H float32 representations.</summary>
    /// <param name="input">N × L int64.</param>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2) throw new ArgumentException($"Expected N × L token ids, got shape [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        var mask = input.ne(PadId);
        return Pool(model.Forward(input, mask), mask).MoveToOuterDisposeScope();
    }

    /// <summary>Hugging Face's <c>last_hidden_state</c>.</summary>
    /// <param name="ids">B × T int64 Llama ids.</param>
    /// <param name="attentionMask">B × T, 1 for real tokens, 0 for padding (right or left).</param>
    /// <returns>B × T × H in the weights' dtype, zero at padded positions.</returns>
    public Tensor Encode(Tensor ids, Tensor attentionMask) => model.Forward(ids, attentionMask);

    /// <summary>Pools a last hidden state to N × H float32 with <see cref="Pooling"/>.</summary>
    /// <param name="hidden">B × T × H.</param>
    /// <param name="attentionMask">B × T, nonzero for real tokens.</param>
    public Tensor Pool(Tensor hidden, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        return TokenPoolingOps.Pool(hidden.to_type(ScalarType.Float32), attentionMask, Pooling).MoveToOuterDisposeScope();
    }
}

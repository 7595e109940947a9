using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// A Llama checkpoint as an <see cref="Encoder"/> of the two-stage trainer: <see cref="LlamaModel"/> (module
/// <c>model</c>, so the state-dict keys are exactly <c>LlamaForCausalLM</c>'s without <c>lm_head.weight</c>) and a pooling
/// of its last hidden state to h (default: the last real token, see <see cref="LlamaPooling"/>).
/// </summary>
/// <remarks>
/// <para>Input rows follow the library's token convention: N × L int64, 0 = padding, and a non-zero value k is the Llama
/// token id k − 1 (<see cref="Llama3Tokenizer.EncodeRows"/> writes them; the shift keeps id 0 free for padding, as the
/// augmentations and datasets of this library assume). <see cref="Encode"/> takes raw Llama ids and a mask instead.</para>
/// <para>Precision: the weights may be bfloat16 (the paper's setting) or float16; TorchSharp has no autocast, so the
/// encoder keeps what must be exact in float32 itself — RMSNorm statistics, the RoPE angles, the LoRA adapters and the
/// pooled output h (and hence the projection head, the classifier and the loss).</para>
/// </remarks>
public sealed class LlamaEncoder : Encoder
{
#pragma warning disable IDE1006 // Field name is the checkpoint's key prefix.
    private readonly LlamaModel model;
#pragma warning restore IDE1006

    /// <summary>Creates an encoder with fresh weights (<see cref="LlamaCheckpoint.Open(string, ScalarType, LlamaPooling)"/> loads a checkpoint folder).</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="dtype">Dtype of the weights: Float32, BFloat16 or Float16.</param>
    /// <param name="pooling">Pooling to h.</param>
    public LlamaEncoder(LlamaConfig config, ScalarType dtype = ScalarType.Float32, LlamaPooling pooling = LlamaPooling.LastToken) : base(nameof(LlamaEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Enum.IsDefined(pooling)) throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling.");
        model = new LlamaModel(config, dtype);
        Config = config;
        Dtype = dtype;
        Pooling = pooling;
        RegisterComponents();
    }

    /// <summary>The sizes.</summary>
    public LlamaConfig Config { get; }

    /// <summary>Dtype of the weights.</summary>
    public ScalarType Dtype { get; }

    /// <summary>Pooling to h.</summary>
    public LlamaPooling Pooling { get; }

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

    /// <summary>Length of the library's token id space: the Llama vocabulary plus the padding id 0.</summary>
    public long LibraryVocabularySize => Config.VocabularySize + 1;

    /// <inheritdoc />
    public override long OutputSize => Config.HiddenSize;

    /// <inheritdoc />
    public override InputKind Input => InputKind.Tokens;

    /// <summary>Maps library token rows (0 = padding, k = Llama id k − 1) to N × H float32 representations.</summary>
    /// <param name="input">N × L int64.</param>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2) throw new ArgumentException($"Expected N × L token rows, got shape [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        var mask = input.ne(0);
        var ids = (input - 1).clamp_min(0);
        var hidden = model.Forward(ids, mask);
        return Pool(hidden, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Hugging Face's <c>last_hidden_state</c> for raw Llama ids.</summary>
    /// <param name="ids">B × T int64 Llama ids.</param>
    /// <param name="attentionMask">B × T, 1 for real tokens, 0 for padding (right or left).</param>
    /// <returns>B × T × H in the weights' dtype, zero at padded positions.</returns>
    public Tensor Encode(Tensor ids, Tensor attentionMask) => model.Forward(ids, attentionMask);

    /// <summary>Pools a last hidden state to N × H float32.</summary>
    /// <param name="hidden">B × T × H.</param>
    /// <param name="attentionMask">B × T, nonzero for real tokens. A row without any gives zeros.</param>
    public Tensor Pool(Tensor hidden, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var keep = attentionMask.to_type(ScalarType.Bool);
        var states = hidden.to_type(ScalarType.Float32);
        Tensor pooled;
        if (Pooling == LlamaPooling.Mean)
        {
            var weights = keep.to_type(ScalarType.Float32).unsqueeze(2);
            pooled = (states * weights).sum(1) / weights.sum(1).clamp_min(1);
        }
        else
        {
            // The rightmost real position of each row (works for right and left padding).
            var positions = arange(keep.shape[1], ScalarType.Int64, keep.device).unsqueeze(0).expand_as(keep);
            var last = where(keep, positions, zeros_like(positions)).amax([1L]);
            pooled = states[arange(states.shape[0], ScalarType.Int64, states.device), last] * keep.any(1).unsqueeze(1).to_type(ScalarType.Float32);
        }
        return pooled.MoveToOuterDisposeScope();
    }
}

using MultiLabelContrastive.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// A small Transformer encoder for token sequences: token embedding (id 0 = padding), a learned classification token
/// prepended, positional encoding, dropout, N post-norm encoder layers (multi-head self-attention that ignores padding
/// keys, ReLU feed-forward), a final layer norm, and mean or classification-token pooling.
/// </summary>
/// <remarks>
/// Input: N × L int64 token ids in [0, V), 0 = padding, L ≤ <see cref="MaxLength"/>. Output: N × d float32 (d = model
/// size). Padding never changes the output: padded keys are masked in attention and left out of the mean.
/// </remarks>
public sealed class SmallTransformer : Encoder
{
    private readonly Embedding embedding;
    private readonly Parameter cls;
    private readonly Parameter? learnedPositions;
    private readonly Tensor? sinusoidalPositions;
    private readonly Dropout dropout;
    private readonly TransformerEncoder layers;
    private readonly LayerNorm norm;
    private readonly TransformerPooling pooling;

    /// <summary>Creates a Transformer encoder.</summary>
    /// <param name="vocabularySize">Size V of the id space. Range: ≥ 2.</param>
    /// <param name="maxLength">Longest token row L accepted. Range: ≥ 1.</param>
    /// <param name="modelSize">Model size d. Range: ≥ 2, divisible by <paramref name="heads"/>.</param>
    /// <param name="heads">Attention heads. Range: ≥ 1.</param>
    /// <param name="layerCount">Encoder layers N. Range: ≥ 1.</param>
    /// <param name="feedForwardSize">Hidden size of each layer's feed-forward block (null: 4d). Range: ≥ 1.</param>
    /// <param name="dropout">Dropout after the embedding and inside every layer. Range: [0, 1).</param>
    /// <param name="pooling">Mean over non-padding tokens, or the classification token.</param>
    /// <param name="positions">Sinusoidal (fixed) or learned positional encoding.</param>
    /// <exception cref="ArgumentException">A size is out of range or d is not divisible by the head count.</exception>
    public SmallTransformer(long vocabularySize, long maxLength, long modelSize = 128, long heads = 4, long layerCount = 2,
        long? feedForwardSize = null, double dropout = 0.1, TransformerPooling pooling = TransformerPooling.Mean,
        PositionalEncoding positions = PositionalEncoding.Sinusoidal) : base(nameof(SmallTransformer))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 2L);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(modelSize, 2L);
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1L);
        if (modelSize % heads != 0)
            throw new ArgumentException($"The model size {modelSize} is not divisible by the head count {heads}.", nameof(modelSize));
        var ff = feedForwardSize ?? 4 * modelSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(ff, 1L, nameof(feedForwardSize));
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must lie in [0, 1).");
        if (!Enum.IsDefined(pooling)) throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling.");
        if (!Enum.IsDefined(positions)) throw new ArgumentOutOfRangeException(nameof(positions), positions, "Unknown positional encoding.");

        embedding = nn.Embedding(vocabularySize, modelSize, padding_idx: 0);
        using (NewDisposeScope())
        {
            // Own tensors outlive any dispose scope of the caller: they belong to the module.
            cls = nn.Parameter(randn(1, 1, modelSize) * 0.02);
            cls.DetachFromDisposeScope();
            if (positions == PositionalEncoding.Learned)
            {
                learnedPositions = nn.Parameter(randn(maxLength + 1, modelSize) * 0.02);
                learnedPositions.DetachFromDisposeScope();
            }
            else
                sinusoidalPositions = Sinusoids(maxLength + 1, modelSize).DetachFromDisposeScope();
        }
        this.dropout = nn.Dropout(dropout);
        layers = nn.TransformerEncoder(nn.TransformerEncoderLayer(modelSize, heads, ff, dropout), layerCount);
        norm = nn.LayerNorm(modelSize);
        this.pooling = pooling;
        VocabularySize = vocabularySize;
        MaxLength = maxLength;
        OutputSize = modelSize;
        RegisterComponents();
    }

    /// <summary>A CPU-sized default: d = 128, 4 heads, 2 layers, feed-forward 256, dropout 0.1, mean pooling, sinusoids.</summary>
    /// <param name="vocabularySize">Size V of the id space.</param>
    /// <param name="maxLength">Longest token row L.</param>
    /// <param name="pooling">Pooling.</param>
    public static SmallTransformer Small(long vocabularySize, long maxLength, TransformerPooling pooling = TransformerPooling.Mean) =>
        new(vocabularySize, maxLength, modelSize: 128, heads: 4, layerCount: 2, feedForwardSize: 256, dropout: 0.1, pooling: pooling);

    /// <summary>Size V of the id space.</summary>
    public long VocabularySize { get; }

    /// <summary>Longest token row accepted.</summary>
    public long MaxLength { get; }

    /// <inheritdoc />
    public override long OutputSize { get; }

    /// <inheritdoc />
    public override InputKind Input => InputKind.Tokens;

    /// <summary>Maps N × L token ids to N × d features.</summary>
    /// <param name="input">N × L int64 ids, 0 = padding, L ≤ <see cref="MaxLength"/>.</param>
    /// <exception cref="ArgumentException">The rows are longer than <see cref="MaxLength"/>.</exception>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] > MaxLength)
            throw new ArgumentException($"Expected N × L token ids with L ≤ {MaxLength}, got shape [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        var n = input.shape[0];
        var length = input.shape[1];
        var tokens = embedding.call(input);                                             // N × L × d
        var x = cat([cls.expand(n, 1, OutputSize), tokens], 1);                         // N × (L+1) × d
        var table = (Tensor?)learnedPositions ?? sinusoidalPositions!;
        x = dropout.call(x + table.narrow(0, 0, length + 1).unsqueeze(0));
        var padding = cat([zeros(n, 1, ScalarType.Bool, input.device), input.eq(0)], 1); // N × (L+1), true = ignore
        var states = norm.call(layers.call(x.transpose(0, 1), null!, padding).transpose(0, 1));
        if (pooling == TransformerPooling.Cls) return states.select(1, 0).MoveToOuterDisposeScope();
        var keep = input.ne(0).unsqueeze(2).to_type(states.dtype);                       // N × L × 1
        var sum = (states.narrow(1, 1, length) * keep).sum(1);
        return (sum / keep.sum(1).clamp_min(1)).MoveToOuterDisposeScope();
    }

    private static Tensor Sinusoids(long positions, long size)
    {
        using var scope = NewDisposeScope();
        var position = arange(positions, ScalarType.Float32).unsqueeze(1);
        var frequency = exp(arange(0, size, 2, ScalarType.Float32) * (-Math.Log(10000.0) / size));
        var table = zeros(positions, size);
        table[TensorIndex.Colon, TensorIndex.Slice(0, null, 2)] = sin(position * frequency);
        table[TensorIndex.Colon, TensorIndex.Slice(1, null, 2)] = cos(position * frequency).narrow(1, 0, size / 2);
        return table.MoveToOuterDisposeScope();
    }
}

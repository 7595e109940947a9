using MultiLabelContrastive.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// A convolutional text encoder in the style of Kim (2014) and CAML (Mullenbach et al. 2018): token embedding (id 0 =
/// padding, a zero vector), one 1-D convolution per kernel width over the sequence, ReLU, max-pool over positions,
/// concatenation and dropout.
/// </summary>
/// <remarks>
/// Input: N × L int64 token ids in [0, V), 0 = padding. Sequences shorter than the widest kernel are right-padded
/// with 0. Output: N × (widths × filters) float32.
/// </remarks>
public sealed class TextCnn : Encoder
{
    private readonly Embedding embedding;
    private readonly ModuleList<Conv1d> convolutions;
    private readonly Dropout dropout;
    private readonly long[] widths;

    /// <summary>Creates a text CNN.</summary>
    /// <param name="vocabularySize">Size V of the id space (ids in [0, V), 0 = padding). Range: ≥ 2.</param>
    /// <param name="embeddingSize">Embedding size E. Range: ≥ 1.</param>
    /// <param name="kernelWidths">Kernel width of each convolution, at least one. Range: every entry ≥ 1.</param>
    /// <param name="filters">Output channels per convolution. Range: ≥ 1.</param>
    /// <param name="dropout">Dropout probability on the pooled features. Range: [0, 1).</param>
    /// <exception cref="ArgumentException">A size, width or the dropout is out of range.</exception>
    public TextCnn(long vocabularySize, long embeddingSize, IReadOnlyList<long> kernelWidths, long filters, double dropout = 0.2)
        : base(nameof(TextCnn))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 2L);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingSize, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(filters, 1L);
        ArgumentNullException.ThrowIfNull(kernelWidths);
        if (kernelWidths.Count == 0) throw new ArgumentException("At least one kernel width is required.", nameof(kernelWidths));
        for (var i = 0; i < kernelWidths.Count; i++)
            if (kernelWidths[i] < 1)
                throw new ArgumentException($"Kernel width {i} is {kernelWidths[i]}; every width must be ≥ 1.", nameof(kernelWidths));
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must lie in [0, 1).");

        embedding = nn.Embedding(vocabularySize, embeddingSize, padding_idx: 0);
        convolutions = nn.ModuleList(kernelWidths.Select(w => nn.Conv1d(embeddingSize, filters, w)).ToArray());
        this.dropout = nn.Dropout(dropout);
        widths = kernelWidths.ToArray();
        VocabularySize = vocabularySize;
        OutputSize = filters * widths.Length;
        RegisterComponents();
    }

    /// <summary>Kim-style default: embedding 128, widths 3/4/5 with 100 filters each (output 300), dropout 0.2.</summary>
    /// <param name="vocabularySize">Size V of the id space.</param>
    /// <param name="embeddingSize">Embedding size E.</param>
    /// <param name="filters">Filters per width.</param>
    /// <param name="dropout">Dropout on the pooled features.</param>
    public static TextCnn Kim(long vocabularySize, long embeddingSize = 128, long filters = 100, double dropout = 0.2) =>
        new(vocabularySize, embeddingSize, [3, 4, 5], filters, dropout);

    /// <summary>Size V of the id space.</summary>
    public long VocabularySize { get; }

    /// <inheritdoc />
    public override long OutputSize { get; }

    /// <inheritdoc />
    public override InputKind Input => InputKind.Tokens;

    /// <summary>Maps N × L token ids to N × (widths × filters) features.</summary>
    /// <param name="input">N × L int64 ids, 0 = padding.</param>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var ids = input;
        var widest = widths.Max();
        if (ids.shape[1] < widest) ids = nn.functional.pad(ids, [0, widest - ids.shape[1]], value: 0);
        var x = embedding.call(ids).transpose(1, 2); // N × E × L
        var pooled = convolutions.Select(conv => nn.functional.relu(conv.call(x)).amax([2L])).ToArray();
        return dropout.call(cat(pooled, 1)).MoveToOuterDisposeScope();
    }
}

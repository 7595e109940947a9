using static TorchSharp.torch;

namespace MultiLabelContrastive.Augmentation;

/// <summary>
/// Views of token sequences: token dropout (each non-padding token replaced by the mask id with probability p), then
/// one masked span per row (⌈f · n⌉ consecutive positions of the row's n non-padding tokens, start uniform, replaced by
/// the mask id). Padding (id 0) stays padding.
/// </summary>
/// <remarks>
/// Input: N × L int64 ids, 0 = padding, non-padding tokens assumed left-aligned (as the data library writes them).
/// The default mask id is 0, i.e. dropped tokens become padding, which the encoders of this library ignore.
/// </remarks>
public sealed class TokenAugmentation : ViewAugmentation
{
    /// <summary>Creates a token augmentation.</summary>
    /// <param name="tokenDropProbability">p, probability of masking each token. Range: [0, 1).</param>
    /// <param name="spanFraction">f, masked span length as a fraction of the row's tokens (0 = no span). Range: [0, 1).</param>
    /// <param name="maskId">Id written at masked positions. Range: ≥ 0 and inside the vocabulary.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public TokenAugmentation(double tokenDropProbability = 0.1, double spanFraction = 0.15, long maskId = 0)
    {
        CheckProbability(tokenDropProbability, nameof(tokenDropProbability), upperExclusive: true);
        CheckProbability(spanFraction, nameof(spanFraction), upperExclusive: true);
        ArgumentOutOfRangeException.ThrowIfNegative(maskId);
        TokenDropProbability = tokenDropProbability;
        SpanFraction = spanFraction;
        MaskId = maskId;
    }

    /// <summary>Token dropout 0.1 and one span of 15 % of the tokens, masked with padding.</summary>
    public static TokenAugmentation Default() => new(0.1, 0.15, 0);

    /// <summary>p, probability of masking each token.</summary>
    public double TokenDropProbability { get; }

    /// <summary>f, span length as a fraction of the row's tokens.</summary>
    public double SpanFraction { get; }

    /// <summary>Id written at masked positions.</summary>
    public long MaskId { get; }

    /// <summary>One view of N × L token ids.</summary>
    /// <param name="inputs">N × L int64, any device.</param>
    /// <param name="generator">CPU generator: draws an N × L uniform matrix, then (f &gt; 0) N uniform span starts.</param>
    public override Tensor Apply(Tensor inputs, Generator generator)
    {
        CheckBatch(inputs, 2, "N × L token ids", ScalarType.Int64);
        using var scope = NewDisposeScope();
        var ids = inputs.cpu();
        var present = ids.ne(0);
        var mask = rand(ids.shape, generator: generator).lt(TokenDropProbability).logical_and(present);
        if (SpanFraction > 0)
        {
            var count = present.sum(1L, keepdim: true, type: ScalarType.Float64);                  // N × 1 tokens per row
            var span = (count * SpanFraction).ceil();                                             // ⌈f n⌉ (0 for empty rows)
            var start = (rand(ids.shape[0], 1, ScalarType.Float64, generator: generator) * (count - span + 1)).floor();
            var position = arange(ids.shape[1], ScalarType.Float64).unsqueeze(0);
            var inSpan = position.ge(start).logical_and(position.lt(start + span)).logical_and(present);
            mask = mask.logical_or(inSpan);
        }
        return ids.masked_fill(mask, MaskId).to(inputs.device).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => $"token dropout p = {TokenDropProbability}, span masking f = {SpanFraction}, mask id {MaskId}";
}

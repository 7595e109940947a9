using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// How a text encoder's token states (B × T × H) become the representation h (B × H) that the projection head and the
/// linear probe read. Defaults follow the Hugging Face sequence-classification heads the paper builds on (the paper
/// names no pooling): the first token (&lt;s&gt; / [CLS]) for BERT and RoBERTa, the last non-padding token for Llama.
/// </summary>
public enum TokenPooling
{
    /// <summary>The first token's state (&lt;s&gt; for RoBERTa, [CLS] for BERT): what <c>RobertaForSequenceClassification</c> reads.</summary>
    Cls,

    /// <summary>The mean over positions whose attention mask is 1 (sentence-transformers' pooling).</summary>
    MaskedMean,

    /// <summary>The state of the last position whose mask is 1 (what <c>LlamaForSequenceClassification</c> reads).</summary>
    LastToken,
}

/// <summary>The pooling operations of <see cref="TokenPooling"/>.</summary>
public static class TokenPoolingOps
{
    /// <summary>Pools token states.</summary>
    /// <param name="hidden">B × T × H.</param>
    /// <param name="mask">B × T, 1 on real tokens (any numeric or bool type).</param>
    /// <param name="pooling">Which pooling.</param>
    /// <returns>B × H.</returns>
    public static Tensor Pool(Tensor hidden, Tensor mask, TokenPooling pooling)
    {
        using var scope = NewDisposeScope();
        var result = pooling switch
        {
            TokenPooling.Cls => hidden.select(1, 0),
            TokenPooling.MaskedMean => MaskedMean(hidden, mask),
            TokenPooling.LastToken => LastToken(hidden, mask),
            _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling."),
        };
        return result.MoveToOuterDisposeScope();
    }

    private static Tensor MaskedMean(Tensor hidden, Tensor mask)
    {
        var weights = mask.to(hidden.dtype).unsqueeze(-1);
        return (hidden * weights).sum(1) / weights.sum(1).clamp_min(1e-9);
    }

    private static Tensor LastToken(Tensor hidden, Tensor mask)
    {
        // Index of the last real position in each row (works for right and left padding alike).
        long t = hidden.shape[1];
        var positions = arange(t, device: hidden.device).unsqueeze(0).expand(mask.shape[0], t);
        var last = where(mask.to(ScalarType.Bool), positions, zeros_like(positions)).amax(1);
        var index = last.view(-1, 1, 1).expand(-1, 1, hidden.shape[2]);
        return hidden.gather(1, index).squeeze(1);
    }
}

namespace MultiLabelContrastive.Pretrained;

/// <summary>How <see cref="LlamaEncoder"/> turns the last hidden state into the representation h.</summary>
public enum LlamaPooling
{
    /// <summary>The state of the last real (non-padding) token. Default: in a causal decoder only the last token has read
    /// the whole text, and it is what Hugging Face's LlamaForSequenceClassification — the head the paper's
    /// "implemented via Huggingface" Llama runs would use — reads.</summary>
    LastToken,

    /// <summary>The mean of the real tokens' states.</summary>
    Mean,
}

namespace MultiLabelContrastive.Pretrained.Bert;

/// <summary>
/// The sizes of a BERT-family encoder as its <c>config.json</c> gives them (<c>model_type</c> "bert" or "roberta").
/// RoBERTa differs only in its position ids, which start after the padding index.
/// </summary>
public sealed record BertConfig
{
    /// <summary>"bert" or "roberta".</summary>
    public required string ModelType { get; init; }

    /// <summary>Rows of the word-embedding table.</summary>
    public required long VocabularySize { get; init; }

    /// <summary>Hidden size H.</summary>
    public required long HiddenSize { get; init; }

    /// <summary>Encoder layers.</summary>
    public required long Layers { get; init; }

    /// <summary>Attention heads (H divisible by it).</summary>
    public required long Heads { get; init; }

    /// <summary>Feed-forward hidden size.</summary>
    public required long IntermediateSize { get; init; }

    /// <summary>Rows of the position-embedding table.</summary>
    public required long MaxPositions { get; init; }

    /// <summary>Rows of the token-type table.</summary>
    public long TypeVocabularySize { get; init; } = 2;

    /// <summary>"gelu" (erf form), "gelu_new"/"gelu_pytorch_tanh" (tanh form) or "relu".</summary>
    public string Activation { get; init; } = "gelu";

    /// <summary>Dropout on embeddings and sub-layer outputs.</summary>
    public double HiddenDropout { get; init; } = 0.1;

    /// <summary>Dropout on attention probabilities.</summary>
    public double AttentionDropout { get; init; } = 0.1;

    /// <summary>LayerNorm ε.</summary>
    public double LayerNormEps { get; init; } = 1e-12;

    /// <summary>Padding id (RoBERTa: 1, BERT: 0).</summary>
    public long PadTokenId { get; init; }

    /// <summary>Whether positions start after the padding index (RoBERTa) instead of at 0 (BERT).</summary>
    public bool RobertaPositions => ModelType is "roberta" or "xlm-roberta" or "camembert";

    /// <summary>Reads the sizes from a checkpoint config.</summary>
    /// <param name="config">The folder's config.json.</param>
    /// <exception cref="CheckpointException">Unknown model_type, a missing field, or sizes that do not fit.</exception>
    public static BertConfig From(CheckpointConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.RequireModelType("BERT/RoBERTa", "bert", "roberta", "xlm-roberta", "camembert");
        string positionType = config.GetString("position_embedding_type", "absolute");
        if (positionType != "absolute")
            throw config.Error($"position_embedding_type '{positionType}' is not supported (only 'absolute').");
        var result = new BertConfig
        {
            ModelType = config.ModelType,
            VocabularySize = config.GetInt("vocab_size"),
            HiddenSize = config.GetInt("hidden_size"),
            Layers = config.GetInt("num_hidden_layers"),
            Heads = config.GetInt("num_attention_heads"),
            IntermediateSize = config.GetInt("intermediate_size"),
            MaxPositions = config.GetInt("max_position_embeddings"),
            TypeVocabularySize = config.GetInt("type_vocab_size", 2),
            Activation = config.GetString("hidden_act", "gelu"),
            HiddenDropout = config.GetDouble("hidden_dropout_prob", 0.1),
            AttentionDropout = config.GetDouble("attention_probs_dropout_prob", 0.1),
            LayerNormEps = config.GetDouble("layer_norm_eps", 1e-12),
            PadTokenId = config.GetInt("pad_token_id", config.ModelType == "bert" ? 0 : 1),
        };
        if (result.HiddenSize % result.Heads != 0)
            throw config.Error($"hidden_size {result.HiddenSize} is not divisible by num_attention_heads {result.Heads}.");
        if (result.Activation is not ("gelu" or "gelu_new" or "gelu_pytorch_tanh" or "relu"))
            throw config.Error($"hidden_act '{result.Activation}' is not supported (gelu, gelu_new, gelu_pytorch_tanh, relu).");
        return result;
    }
}

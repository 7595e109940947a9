using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Bert;

// The field names below are Hugging Face's module names (BertModel / RobertaModel), so that the state-dict keys of
// these modules are the published checkpoint keys: embeddings.word_embeddings.weight,
// encoder.layer.N.attention.self.query.weight, … Do not rename them.
#pragma warning disable IDE1006 // Naming: the published names.

/// <summary>Word + position + token-type embeddings, LayerNorm, dropout.</summary>
public sealed class BertEmbeddings : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;

    /// <summary>Creates the embeddings.</summary>
    /// <param name="config">Sizes.</param>
    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabularySize, config.HiddenSize, padding_idx: config.PadTokenId);
        position_embeddings = nn.Embedding(config.MaxPositions, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabularySize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropout);
        RegisterComponents();
    }

    /// <summary>Embeds ids at the given positions (token type 0).</summary>
    /// <param name="ids">B × T int64.</param>
    /// <param name="positions">B × T int64.</param>
    public override Tensor forward(Tensor ids, Tensor positions)
    {
        using var scope = NewDisposeScope();
        var types = zeros_like(ids);
        var sum = word_embeddings.call(ids) + position_embeddings.call(positions) + token_type_embeddings.call(types);
        return dropout.call(LayerNorm.call(sum)).MoveToOuterDisposeScope();
    }
}

/// <summary>Multi-head self-attention: query, key, value projections.</summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly long heads;
    private readonly double dropoutRate;

    /// <summary>Creates the attention.</summary>
    /// <param name="config">Sizes.</param>
    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        heads = config.Heads;
        dropoutRate = config.AttentionDropout;
        RegisterComponents();
    }

    /// <summary>Attends over the keys that the additive mask leaves open.</summary>
    /// <param name="hidden">B × T × H.</param>
    /// <param name="additiveMask">B × 1 × 1 × T: 0 on real tokens, the dtype's lowest value on padding.</param>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        long b = hidden.shape[0], t = hidden.shape[1], h = hidden.shape[2];
        Tensor Split(Tensor x) => x.view(b, t, heads, h / heads).transpose(1, 2);
        var context = nn.functional.scaled_dot_product_attention(
            Split(query.call(hidden)), Split(key.call(hidden)), Split(value.call(hidden)),
            attn_mask: additiveMask, p: training ? dropoutRate : 0.0);
        return context.transpose(1, 2).reshape(b, t, h).MoveToOuterDisposeScope();
    }
}

/// <summary>Dense + dropout + residual LayerNorm after a sub-layer (attention.output, output).</summary>
public sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;

    /// <summary>Creates the block.</summary>
    /// <param name="inputSize">Size of the sub-layer output.</param>
    /// <param name="config">Sizes.</param>
    public BertResidualOutput(long inputSize, BertConfig config) : base(nameof(BertResidualOutput))
    {
        dense = nn.Linear(inputSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropout);
        RegisterComponents();
    }

    /// <summary>LayerNorm(dropout(dense(x)) + residual).</summary>
    /// <param name="x">Sub-layer output.</param>
    /// <param name="residual">The sub-layer's input.</param>
    public override Tensor forward(Tensor x, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.call(dropout.call(dense.call(x)) + residual).MoveToOuterDisposeScope();
    }
}

/// <summary>attention.self + attention.output.</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;

    /// <summary>Creates the block.</summary>
    /// <param name="config">Sizes.</param>
    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(config);
        output = new BertResidualOutput(config.HiddenSize, config);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        return output.call(self.call(hidden, additiveMask), hidden).MoveToOuterDisposeScope();
    }
}

/// <summary>The feed-forward expansion with its activation (intermediate.dense).</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly string activation;

    /// <summary>Creates the block.</summary>
    /// <param name="config">Sizes and activation.</param>
    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        activation = config.Activation;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var x = dense.call(hidden);
        var y = activation switch
        {
            "relu" => nn.functional.relu(x),
            "gelu" => nn.functional.gelu(x),
            // The tanh form of gelu_new / gelu_pytorch_tanh: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
            _ => 0.5 * x * (1 + tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x.pow(3)))),
        };
        return y.MoveToOuterDisposeScope();
    }
}

/// <summary>One encoder layer: attention, intermediate, output.</summary>
public sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;

    /// <summary>Creates the layer.</summary>
    /// <param name="config">Sizes.</param>
    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertResidualOutput(config.IntermediateSize, config);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var attended = attention.call(hidden, additiveMask);
        return output.call(intermediate.call(attended), attended).MoveToOuterDisposeScope();
    }
}

/// <summary>The layer stack (encoder.layer.N).</summary>
public sealed class BertLayerStack : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    /// <summary>Creates the stack.</summary>
    /// <param name="config">Sizes.</param>
    public BertLayerStack(BertConfig config) : base(nameof(BertLayerStack))
    {
        layer = nn.ModuleList(Enumerable.Range(0, checked((int)config.Layers)).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var x = hidden;
        foreach (var block in layer)
            x = block.call(x, additiveMask);
        return x.MoveToOuterDisposeScope();
    }
}
#pragma warning restore IDE1006

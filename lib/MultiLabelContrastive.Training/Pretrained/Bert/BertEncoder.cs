using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Bert;

/// <summary>
/// A BERT or RoBERTa encoder whose eval-mode forward equals Hugging Face's <c>BertModel</c> / <c>RobertaModel</c>
/// (without the pooler): module paths and state-dict keys are Hugging Face's (<c>embeddings.word_embeddings.weight</c>,
/// <c>encoder.layer.N.attention.self.query.weight</c>, …), so a hub checkpoint loads key for key. RoBERTa's position
/// ids start after the padding index (position = cumsum(id ≠ pad) · (id ≠ pad) + pad); BERT's are 0 … T−1; token-type
/// ids are 0. As an <see cref="Encoder"/> it reads N × T token ids (padding = the config's pad id) and returns the
/// pooled representation h (N × H, <see cref="Pooling"/>).
/// </summary>
/// <example><code>
/// var folder = CheckpointFolder.Open("/models/roberta-base");
/// using var model = BertEncoder.FromFolder(folder);
/// var tokens = PretrainedTokenizer.FromFolder(folder).EncodeBatch(["A sentence."], maxLength: 512);
/// var h = model.call(tokens.IdsTensor());   // 1 × 768, the &lt;s&gt; state
/// </code></example>
#pragma warning disable IDE1006 // Field names are the published module names.
public sealed class BertEncoder : Encoder
{
    private readonly BertEmbeddings embeddings;
    private readonly BertLayerStack encoder;
#pragma warning restore IDE1006

    /// <summary>Creates a randomly initialised encoder of the given sizes (load weights with <see cref="Load"/>).</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="pooling">Pooling of the representation h.</param>
    public BertEncoder(BertConfig config, TokenPooling pooling = TokenPooling.Cls) : base(nameof(BertEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Pooling = pooling;
        embeddings = new BertEmbeddings(config);
        encoder = new BertLayerStack(config);
        RegisterComponents();
    }

    /// <summary>The sizes.</summary>
    public BertConfig Config { get; }

    /// <summary>Pooling of the representation h.</summary>
    public TokenPooling Pooling { get; }

    /// <inheritdoc />
    public override long OutputSize => Config.HiddenSize;

    /// <inheritdoc />
    public override InputKind Input => InputKind.Tokens;

    /// <summary>Published keys → this module's keys: <c>roberta.</c> / <c>bert.</c> prefixes stripped; <c>lm_head.*</c>,
    /// <c>cls.*</c> (BERT's MLM/NSP heads), the pooler and the old <c>embeddings.position_ids</c> buffer ignored;
    /// <c>gamma</c>/<c>beta</c> LayerNorm names read as <c>weight</c>/<c>bias</c>.</summary>
    public static Func<string, string?> KeyMap { get; } = KeyMapping.Chain(
        KeyMapping.Ignore("lm_head.", "cls.", "pooler.", "bert.pooler.", "roberta.pooler.",
            "embeddings.position_ids", "bert.embeddings.position_ids", "roberta.embeddings.position_ids"),
        KeyMapping.StripPrefix("roberta."),
        KeyMapping.StripPrefix("bert."),
        KeyMapping.LegacyLayerNormNames);

    /// <summary>Builds the encoder a checkpoint folder describes and loads its weights.</summary>
    /// <param name="folder">A BERT or RoBERTa folder (BertModel, BertForMaskedLM, RobertaModel, RobertaForMaskedLM, …).</param>
    /// <param name="pooling">Pooling of h (default: the first token, as Hugging Face's sequence classifiers read it).</param>
    /// <param name="dtype">Floating type of the weights.</param>
    /// <param name="dropout">Overrides hidden and attention dropout of the config (null: the config's, 0.1 for roberta-base).</param>
    /// <exception cref="CheckpointException">Unknown model_type, or weights that do not fit.</exception>
    public static BertEncoder FromFolder(CheckpointFolder folder, TokenPooling pooling = TokenPooling.Cls, ScalarType dtype = ScalarType.Float32, double? dropout = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var config = BertConfig.From(folder.Config);
        if (dropout is { } p)
            config = config with { HiddenDropout = p, AttentionDropout = p };
        var model = new BertEncoder(config, pooling);
        try
        {
            model.Load(folder, dtype);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }

    /// <summary>Loads a checkpoint folder's weights into this module (strict; nothing changes on error).</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="dtype">Floating type of the weights.</param>
    public CheckpointLoadReport Load(CheckpointFolder folder, ScalarType dtype = ScalarType.Float32) =>
        CheckpointLoader.Load(this, folder, KeyMap, dtype);

    /// <summary>The last layer's token states (Hugging Face's <c>last_hidden_state</c>).</summary>
    /// <param name="ids">B × T int64 token ids.</param>
    /// <param name="mask">B × T attention mask, 1 on real tokens (null: id ≠ pad id).</param>
    /// <returns>B × T × H.</returns>
    public Tensor LastHiddenState(Tensor ids, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.dim() != 2)
            throw new ArgumentException($"Expected B × T token ids, got shape [{string.Join(", ", ids.shape)}].", nameof(ids));
        if (ids.shape[1] > Config.MaxPositions - (Config.RobertaPositions ? Config.PadTokenId + 1 : 0))
            throw new ArgumentException($"{ids.shape[1]} tokens exceed this model's {Config.MaxPositions} positions.", nameof(ids));
        using var scope = NewDisposeScope();
        var real = ids.ne(Config.PadTokenId);
        var attend = mask is null ? real : mask.to(ScalarType.Bool);
        var positions = Config.RobertaPositions
            ? real.to(ScalarType.Int64).cumsum(1) * real.to(ScalarType.Int64) + Config.PadTokenId
            : arange(ids.shape[1], dtype: ScalarType.Int64, device: ids.device).unsqueeze(0).expand_as(ids);
        var hidden = embeddings.call(ids, positions);
        var additive = zeros(attend.shape, hidden.dtype, hidden.device)
            .masked_fill(attend.logical_not(), LowestOf(hidden.dtype))
            .view(ids.shape[0], 1, 1, ids.shape[1]);
        return encoder.call(hidden, additive).MoveToOuterDisposeScope();
    }

    /// <summary>The pooled representation h of token ids (padding = the config's pad id).</summary>
    /// <param name="ids">N × T int64.</param>
    /// <returns>N × H.</returns>
    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var mask = ids.ne(Config.PadTokenId);
        return TokenPoolingOps.Pool(LastHiddenState(ids, mask), mask, Pooling).MoveToOuterDisposeScope();
    }

    internal static double LowestOf(ScalarType dtype) => dtype switch
    {
        ScalarType.Float16 => -65504.0,
        ScalarType.BFloat16 => -3.3895313892515355e38,
        ScalarType.Float64 => double.MinValue,
        _ => float.MinValue,
    };
}

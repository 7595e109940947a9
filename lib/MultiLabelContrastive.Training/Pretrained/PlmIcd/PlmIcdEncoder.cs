using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Pretrained.Bert;
using MultiLabelContrastive.Pretrained.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.PlmIcd;

/// <summary>
/// PLM-ICD (Huang et al. 2022) as an <see cref="Encoder"/> of the two-stage trainer: a RoBERTa-PM encoder (module
/// <c>roberta</c>, PLM-ICD's key prefix) run over a long note cut into segments (128 tokens each, up to 3,072 tokens:
/// rows as <see cref="PretrainedTextDataset"/> writes them at that length), each segment encoded on its own as PLM-ICD
/// does (positions restart per segment), the token states concatenated back to N × T × h.
/// </summary>
/// <remarks>
/// <para><b>Stage 1 contrasts h = the masked mean of every real token's state, over all segments.</b> PLM-ICD has no
/// single document vector: its classifier is the label-wise attention (<see cref="LabelWiseAttention"/>), which gives one
/// vector per label (C × h per note, 8,692 of them on MIMIC-III-Full), not one for the contrastive loss to compare. The
/// mean of the token states is the one vector that reads the whole note (the first token's state sees only the first
/// segment) and is the label-wise attention's own pooling when its attention is uniform, so contrasting it shapes exactly
/// the states the stage-2 classifier attends over.</para>
/// <para><b>Stage 2 and the BCE baseline use the label-wise attention</b> over the token states
/// (<see cref="ITokenStateClassifier"/>): in stage 2 the encoder is frozen and the attention is trained on its states;
/// the BCE baseline trains both end to end, which is PLM-ICD itself.</para>
/// <para>Segments that hold no real token are not run through the encoder (their states are zero), so short notes in
/// 3,072-token rows cost only their own segments.</para>
/// </remarks>
#pragma warning disable IDE1006 // Field name is the checkpoint's key prefix.
public sealed class PlmIcdEncoder : Encoder, ITokenStateClassifier
{
    private readonly BertEncoder roberta;
#pragma warning restore IDE1006

    /// <summary>PLM-ICD's attention projection size d_a (its <c>--d_a</c> default is not part of the paper; ours).</summary>
    public const int DefaultAttentionSize = 512;

    /// <summary>Creates the encoder with fresh weights (<see cref="PlmIcdEncoderSpec"/> loads a folder).</summary>
    /// <param name="config">The RoBERTa sizes.</param>
    /// <param name="segmentLength">Tokens per segment (PLM-ICD's 128).</param>
    /// <param name="attentionSize">d_a of the label-wise attention.</param>
    public PlmIcdEncoder(BertConfig config, int segmentLength = SegmentOptions.PlmIcdSegmentLength, int attentionSize = DefaultAttentionSize)
        : base(nameof(PlmIcdEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentLength, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(attentionSize, 1);
        long positions = config.MaxPositions - (config.RobertaPositions ? config.PadTokenId + 1 : 0);
        if (segmentLength > positions)
            throw new ArgumentOutOfRangeException(nameof(segmentLength), segmentLength, $"A segment of {segmentLength} tokens exceeds the model's {positions} positions.");
        roberta = new BertEncoder(config, TokenPooling.MaskedMean);
        SegmentLength = segmentLength;
        AttentionSize = attentionSize;
        RegisterComponents();
    }

    /// <summary>The RoBERTa sizes.</summary>
    public BertConfig Config => roberta.Config;

    /// <summary>Tokens per segment.</summary>
    public int SegmentLength { get; }

    /// <summary>d_a of the label-wise attention that <see cref="CreateClassifier"/> makes.</summary>
    public int AttentionSize { get; }

    /// <summary>The segment encoder.</summary>
    public BertEncoder Roberta => roberta;

    /// <inheritdoc />
    public override long OutputSize => Config.HiddenSize;

    /// <inheritdoc />
    public override InputKind Input => InputKind.Tokens;

    /// <summary>PLM-ICD's keys → this module's: <c>roberta.*</c> kept (a bare RobertaModel's keys get the prefix);
    /// <c>lm_head.*</c>, the pooler, the old position-id buffer and PLM-ICD's trained label-wise attention
    /// (<c>first_linear</c>, <c>second_linear</c>, <c>third_linear</c>: its label set is not the dataset's; stage 2 trains
    /// a fresh one) ignored; <c>gamma</c>/<c>beta</c> read as <c>weight</c>/<c>bias</c>.</summary>
    public static Func<string, string?> KeyMap { get; } = KeyMapping.Chain(
        KeyMapping.Ignore("lm_head.", "first_linear.", "second_linear.", "third_linear.", "pooler.", "roberta.pooler.",
            "embeddings.position_ids", "roberta.embeddings.position_ids"),
        key => key.StartsWith("roberta.", StringComparison.Ordinal) ? key : "roberta." + key,
        KeyMapping.LegacyLayerNormNames);

    /// <summary>Token states of N × T ids (T a multiple of <see cref="SegmentLength"/>, padding = the config's pad id).</summary>
    /// <param name="ids">N × T int64.</param>
    /// <returns>N × T × h, zero at padded positions.</returns>
    public Tensor TokenStates(Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.dim() != 2 || ids.shape[1] % SegmentLength != 0)
            throw new ArgumentException($"Expected N × T token ids with T a multiple of the segment length {SegmentLength}, got shape [{string.Join(", ", ids.shape)}].", nameof(ids));
        using var scope = NewDisposeScope();
        long n = ids.shape[0], t = ids.shape[1], h = Config.HiddenSize;
        var segments = ids.reshape(-1, SegmentLength);
        var real = segments.ne(Config.PadTokenId);
        var used = real.any(1).nonzero().squeeze(1);
        var weights = roberta.parameters().First();
        var states = zeros([segments.shape[0], SegmentLength, h], weights.dtype, ids.device);
        if (used.numel() > 0)
            states = states.index_copy(0, used, roberta.LastHiddenState(segments.index_select(0, used)));
        return (states * real.unsqueeze(-1).to(states.dtype)).reshape(n, t, h).MoveToOuterDisposeScope();
    }

    /// <summary>h: the masked mean of the token states (see the remarks), N × h float32.</summary>
    /// <param name="ids">N × T int64.</param>
    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var states = TokenStates(ids);
        return TokenPoolingOps.Pool(states.to_type(ScalarType.Float32), ids.ne(Config.PadTokenId), TokenPooling.MaskedMean).MoveToOuterDisposeScope();
    }

    /// <summary>PLM-ICD's label-wise attention for the dataset's labels (fresh weights).</summary>
    /// <param name="labelCount">C.</param>
    public nn.Module<Tensor, Tensor> CreateClassifier(int labelCount) => new LabelWiseAttention(Config.HiddenSize, AttentionSize, labelCount);

    /// <summary>The token states the label-wise attention reads (float32).</summary>
    /// <param name="inputs">N × T ids.</param>
    public Tensor ClassifierInput(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        return TokenStates(inputs).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}

using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Pretrained.Bert;

/// <summary>
/// The paper's RoBERTa-base setting (journal §V-C): full fine-tuning with dropout 0.1 (<see cref="RobertaEncoderSpec"/>),
/// AdamW with weight decay 0.01 exempting bias and LayerNorm weights, a cosine schedule with a 0.05 warm-up, projection
/// to D = 256, τ = 0.07 (the loss's, pass it to the loss), 512 tokens per text.
/// </summary>
/// <remarks>
/// The paper leaves learning rates, batch size and epochs to its code, which is not part of the text; the values below
/// are ours and say so: the usual RoBERTa fine-tuning learning rate 2e-5 for stage 1 and the BCE baseline, 1e-3 for the
/// linear probe, batch 32, no gradient accumulation (the contrastive loss pairs rows within a micro-batch only, so
/// accumulation would not enlarge its batch). Views: token dropout 0.1, the dropped tokens becoming padding
/// (roberta-base's &lt;pad&gt;, id 1; <see cref="WithPadId"/> for another), no masked span (the span rule counts
/// tokens by id 0, which is RoBERTa's &lt;s&gt;); &lt;s&gt; is never dropped, so the pooled token stays.
/// </remarks>
public static class RobertaPresets
{
    /// <summary>Tokens per text of the paper's RoBERTa rows (its 512 positions).</summary>
    public const int TextLength = 512;

    /// <summary>Training settings for the paper's RoBERTa rows (see the remarks for what is ours).</summary>
    public static TrainingOptions Paper { get; } = WithPadId(1);

    /// <summary><see cref="Paper"/> with token dropout writing <paramref name="padId"/> (the checkpoint's padding id).</summary>
    /// <param name="padId">The padding id of the checkpoint's tokenizer.</param>
    public static TrainingOptions WithPadId(long padId) => new()
    {
        Optimizer = OptimizerKind.AdamW,
        WeightDecay = 0.01,
        NoDecayOnBiasAndNorm = true,
        WarmupFraction = 0.05,
        BatchSize = 32,
        GradientAccumulationSteps = 1,
        PretrainEpochs = 10,
        PretrainLearningRate = 2e-5,
        ProjectionSize = 256,
        ProbeEpochs = 20,
        ProbeLearningRate = 1e-3,
        BaselineEpochs = 10,
        BaselineLearningRate = 2e-5,
        GradientClipNorm = 1.0,
        Augmentation = new TokenAugmentation(tokenDropProbability: 0.1, spanFraction: 0, maskId: padId),
    };
}

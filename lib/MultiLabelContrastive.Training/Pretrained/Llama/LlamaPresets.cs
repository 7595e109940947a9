using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Pretrained.Lora;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// The paper's Llama-3.1-8B setting (journal §V-C): LoRA r = 16, α = 32, dropout 0.1; bfloat16; no KV cache; a cosine
/// schedule with a 0.05 warm-up; projection to D = 256; τ = 0.07 (the loss's, pass it to the loss).
/// </summary>
/// <remarks>
/// The paper leaves the optimizer's learning rates, the batch size and the epochs to its code, which is not part of the
/// text; the values below are ours and say so: AdamW with weight decay 0.01 (the paper's RoBERTa setting), the usual LoRA
/// learning rate 1e-4 for stage 1, 1e-3 for the linear probe, batch 16. Views: token dropout 0.1 only, the dropped tokens
/// becoming padding (Llama 3.1's &lt;|finetune_right_pad_id|&gt;) — no masked span, because the span rule counts tokens by
/// id 0, which is a real Llama token.
/// </remarks>
public static class LlamaPresets
{
    /// <summary>LoRA settings of the paper: r 16, α 32, dropout 0.1 on q_proj and v_proj.</summary>
    public static LoraOptions PaperLora { get; } = LoraOptions.Llama;

    /// <summary>Training settings for the paper's Llama rows (see the remarks for what is ours).</summary>
    public static TrainingOptions Paper { get; } = new()
    {
        Optimizer = OptimizerKind.AdamW,
        WeightDecay = 0.01,
        WarmupFraction = 0.05,
        BatchSize = 16,
        PretrainEpochs = 10,
        PretrainLearningRate = 1e-4,
        ProjectionSize = 256,
        ProbeEpochs = 20,
        ProbeLearningRate = 1e-3,
        BaselineEpochs = 10,
        BaselineLearningRate = 1e-4,
        GradientClipNorm = 1.0,
        Augmentation = new TokenAugmentation(tokenDropProbability: 0.1, spanFraction: 0, maskId: LlamaEncoder.Llama31PadId),
    };
}

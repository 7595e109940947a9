using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Training;

/// <summary>
/// Everything that shapes a training run. Defaults are small CPU-friendly settings; <see cref="MulSupConYeast"/> gives
/// the MulSupCon recipe for yeast. Every stage uses the optimizer below with a cosine learning-rate schedule after a
/// linear warm-up over <see cref="WarmupFraction"/> of its steps, gradient-norm clipping, and early stopping on a
/// validation number (the best epoch's weights are restored at the end of the stage).
/// </summary>
/// <remarks>
/// One flat record, its properties grouped by stage below, so that a preset changes with one <c>with</c> expression
/// (<c>TrainingOptions.MulSupConYeast with { PretrainEpochs = 100, ProbeWeightDecay = 0 }</c>) and a checkpoint's
/// fingerprint reads its settings from one place; per-stage records would turn every such change into nested
/// <c>with</c> expressions while the stages still share the optimizer, schedule and early-stopping settings.
/// </remarks>
public sealed record TrainingOptions
{
    // ── The run: seed, device, CPU threads ──

    /// <summary>Seed of parameter initialisation, batch order, augmentations and dropout. The same seed gives identical
    /// results on the CPU, run to run and across a resume.</summary>
    public int Seed { get; init; }

    /// <summary>Device setting: "auto", "cpu", "cuda" or "cuda:N"; null defers to MLC_DEVICE, then to the automatic
    /// choice (CUDA when available). See <see cref="Devices.DeviceSelector"/>.</summary>
    public string? Device { get; init; }

    /// <summary>When set, the trainers call <c>torch.set_num_threads</c> with it before training (a process-wide
    /// setting; on a small shared CPU one thread is often much faster than two). Null leaves the process's setting:
    /// <c>MLC_THREADS</c>, else processors − 1 (<see cref="Devices.TorchThreads"/>). Range: ≥ 1.</summary>
    public int? Threads { get; init; }

    // ── Every stage: batches, optimizer, learning-rate schedule, early stopping ──

    /// <summary>Rows per batch (before the two views are made). Range: ≥ 2.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Optimizer of every stage.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>Momentum μ of <see cref="OptimizerKind.Sgd"/> (other optimizers ignore it). Range: [0, 1).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Weight decay λ of every stage. Range: ≥ 0.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Exempt bias and normalisation weights (every 1-D parameter of the encoder and heads) from weight decay,
    /// as Hugging Face's recipe for RoBERTa does (no decay on "bias" and "LayerNorm.weight").</summary>
    public bool NoDecayOnBiasAndNorm { get; init; }

    /// <summary>Micro-batches of <see cref="BatchSize"/> rows whose gradients are summed (each loss divided by their
    /// count) before one optimizer step: the effective batch of the update is BatchSize × this. The contrastive loss
    /// still pairs rows only within a micro-batch. Range: ≥ 1.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Fraction of a stage's steps spent in linear warm-up from lr/warm-up steps to lr. Range: [0, 1).</summary>
    public double WarmupFraction { get; init; } = 0.05;

    /// <summary>The cosine schedule decays to lr × this fraction at the last step. Range: [0, 1].</summary>
    public double FinalLearningRateFraction { get; init; }

    /// <summary>Maximum global L2 norm of the gradient (clipping); 0 turns clipping off. Range: ≥ 0.</summary>
    public double GradientClipNorm { get; init; } = 5.0;

    /// <summary>Stop the probe or the baseline when its validation number has not improved for this many epochs; 0 turns
    /// early stopping off (the best epoch's weights are still restored). Range: ≥ 0.</summary>
    public int EarlyStoppingPatience { get; init; } = 10;

    /// <summary>Smallest change of the validation number that counts as an improvement. Range: ≥ 0.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>Validation number followed by early stopping in the probe and the baseline.</summary>
    public MonitoredMetric Monitor { get; init; } = MonitoredMetric.MeanAveragePrecision;

    // ── Stage 1: contrastive pretraining of encoder + projection head ──

    /// <summary>Stage 1 epochs. Range: ≥ 0 (0 skips pretraining: the probe then reads a randomly initialised encoder).</summary>
    public int PretrainEpochs { get; init; } = 50;

    /// <summary>Stage 1 learning rate. Range: &gt; 0.</summary>
    public double PretrainLearningRate { get; init; } = 1e-3;

    /// <summary>Early stopping of stage 1 on the validation contrastive loss: 0 (default) trains every epoch and keeps the
    /// last epoch's weights (the validation loss is still logged); n &gt; 0 stops after n epochs without improvement and
    /// restores the best epoch's weights. Range: ≥ 0.</summary>
    public int PretrainEarlyStoppingPatience { get; init; }

    /// <summary>Projection head output size D. Range: ≥ 1.</summary>
    public int ProjectionSize { get; init; } = 256;

    /// <summary>Projection head hidden size (null: the encoder's output size).</summary>
    public int? ProjectionHiddenSize { get; init; }

    /// <summary>The views of stage 1 (null: <see cref="ViewAugmentation.For"/> the dataset's input kind).</summary>
    public ViewAugmentation? Augmentation { get; init; }

    /// <summary>MoCo-style queue of past embeddings and their labels used as extra candidates in stage 1; 0 = no queue.
    /// Range: ≥ 0.</summary>
    public int QueueSize { get; init; }

    /// <summary>MoCo-style momentum training in stage 1, as MulSupCon runs it: a key encoder and key projection head
    /// start as copies of the trained (query) ones, receive no gradient and follow them as an exponential moving average
    /// after every optimizer step (θk ← m θk + (1 − m) θq, m = <see cref="KeyEncoderMomentum"/>). The loss's anchors are
    /// the query embeddings; its candidates are the key embeddings of the batch followed by the queue
    /// (<see cref="QueueSize"/>), which is filled from the key encoder. The key encoder and the queue are checkpointed.
    /// Both views are queries and both are keys (each view's own key is left out as a self pair), where MulSupCon's code
    /// takes the first view as queries and the second as keys: the loss stays symmetric in the views, as without a key
    /// encoder. Its construction needs a second encoder of the same architecture (<see cref="Experiment"/> builds one with
    /// its encoder factory; <see cref="ContrastivePretrainer"/> takes a factory).</summary>
    public bool MomentumEncoder { get; init; }

    /// <summary>Momentum m of the key encoder's moving average (<see cref="MomentumEncoder"/>); 0.999 as in MoCo and
    /// MulSupCon, 0 makes the key encoder a copy of the query encoder after every step. Range: [0, 1).</summary>
    public double KeyEncoderMomentum { get; init; } = 0.999;

    /// <summary>Image views made per image (<see cref="ImageNetViews"/>) are made off the training thread: a background
    /// queue holds up to this many batches of stage 1 while the encoder trains on the current one. Range: ≥ 1. Does not
    /// change the results (each image's views come from its own seed), so it is not part of a checkpoint's settings.</summary>
    public int PrefetchBatches { get; init; } = 4;

    /// <summary>Threads that decode and augment the images of a prefetched batch in parallel (null: half the cores, at
    /// most 8). Range: ≥ 1. Does not change the results.</summary>
    public int? ImageWorkers { get; init; }

    // ── Stage 2: the linear probe on the frozen encoder ──

    /// <summary>Stage 2 (linear probe) epochs. Range: ≥ 1.</summary>
    public int ProbeEpochs { get; init; } = 50;

    /// <summary>Stage 2 learning rate. Range: &gt; 0.</summary>
    public double ProbeLearningRate { get; init; } = 1e-2;

    /// <summary>Weight decay of the linear probe (null: <see cref="WeightDecay"/>). PyTorch reference probes usually
    /// train the classifier without it (0). Range: ≥ 0.</summary>
    public double? ProbeWeightDecay { get; init; }

    /// <summary>True (default): the probe ends with the weights of its best validation epoch; false: with its last
    /// epoch's, as a reference run that only trains a fixed number of epochs does.</summary>
    public bool ProbeRestoresBestEpoch { get; init; } = true;

    // ── The end-to-end BCE baseline ──

    /// <summary>Whether <see cref="Experiment.Run(Data.MultiLabelDataset, Encoders.EncoderSpec, Losses.ContrastiveLoss, TrainingOptions?, IProgress{TrainingProgress}?, CancellationToken)"/>
    /// also trains the end-to-end BCE baseline.</summary>
    public bool RunBaseline { get; init; }

    /// <summary>BCE baseline epochs. Range: ≥ 1.</summary>
    public int BaselineEpochs { get; init; } = 50;

    /// <summary>BCE baseline learning rate. Range: &gt; 0.</summary>
    public double BaselineLearningRate { get; init; } = 1e-3;

    // ── Evaluation ──

    /// <summary>How the thresholds of the test split's F1/precision/recall are chosen: Fixed (0.5), Validation
    /// (chosen on the validation split) or OracleThreshold (chosen on the test split; optimistic).</summary>
    public ThresholdRule Thresholds { get; init; } = ThresholdRule.Fixed;

    /// <summary>The k values of P@k in the reports (values above the label count are dropped).</summary>
    public IReadOnlyList<int> PrecisionAtK { get; init; } = [1, 3, 5];

    // ── Checkpoints and logs ──

    /// <summary>Folder of the per-stage checkpoints (one per epoch; null: no checkpoints).</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Continue from the checkpoints in <see cref="CheckpointDirectory"/> when there are any: finished stages
    /// are loaded, an interrupted stage continues after its last finished epoch (bit-identically on the CPU).</summary>
    public bool Resume { get; init; }

    /// <summary>Folder of the logs: <c>steps.csv</c>, <c>epochs.csv</c> and TensorBoard event files (null: no logs).</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Write a step row (CSV and TensorBoard) every this many optimizer steps. Range: ≥ 1.</summary>
    public int LogEverySteps { get; init; } = 1;

    // ── Presets ──

    /// <summary>
    /// The MulSupCon recipe for yeast: Adam, lr 4e-4, weight decay 1e-5, batch 64, projection 256, views that zero each
    /// feature with probability 0.5 (use with <see cref="Encoders.EncoderSpec.MulSupConMlp"/> and τ = 0.1).
    /// </summary>
    public static TrainingOptions MulSupConYeast { get; } = new()
    {
        Optimizer = OptimizerKind.Adam,
        PretrainLearningRate = 4e-4,
        WeightDecay = 1e-5,
        BatchSize = 64,
        ProjectionSize = 256,
        Augmentation = VectorAugmentation.MulSupCon(),
        BaselineLearningRate = 4e-4,
        ProbeLearningRate = 4e-3,
    };

    /// <summary>
    /// <see cref="MulSupConYeast"/> as the independent PyTorch reference of <c>tests/parity</c> trains stage 1: a constant
    /// learning rate (no warm-up, no cosine decay) and no gradient clipping. With it, our stage-1 trajectory equals the
    /// reference's step by step within float tolerance (tests/parity/README.md); the probe's differences (weight decay,
    /// best-epoch restore) are separate options (<see cref="ProbeWeightDecay"/>, <see cref="ProbeRestoresBestEpoch"/>).
    /// </summary>
    public static TrainingOptions MulSupConYeastReference { get; } = MulSupConYeast with
    {
        WarmupFraction = 0,
        FinalLearningRateFraction = 1,
        GradientClipNorm = 0,
    };

    /// <summary>
    /// The image rows of the paper (journal §IV-C, conference §4): ResNet-50 at 224 × 224 trained with SGD with momentum,
    /// a cosine schedule after a 0.05 warm-up, projection D = 256 (use τ = 0.07), SupCon's views
    /// (<see cref="ImageNetViews"/>), early stopping of the probe on validation F1, thresholds chosen on validation.
    /// </summary>
    /// <remarks>
    /// The papers' text does not give the image rows' learning rates, batch size or epoch counts: the journal defers to
    /// its code, and the numbers of the conference's sentence ("SGD … with an initial learning rate of _ … a batch size of
    /// _") are missing from the text. The values here are stand-ins chosen from SGD practice for ImageNet-pretrained
    /// ResNet-50 (momentum 0.9 and weight decay 10⁻⁴ as in SupCon and MoCo; learning rate 0.05 for batches of 64, SupCon's
    /// 0.5 per 1024 scaled linearly and rounded up; a linear probe at 0.1), to be replaced by the authors' when known.
    /// </remarks>
    public static TrainingOptions PaperImageRows { get; } = new()
    {
        Optimizer = OptimizerKind.Sgd,
        Momentum = 0.9,
        WeightDecay = 1e-4,
        BatchSize = 64,
        WarmupFraction = 0.05,
        FinalLearningRateFraction = 0,
        ProjectionSize = 256,
        Augmentation = new ImageNetViews(),
        PretrainEpochs = 100,
        PretrainLearningRate = 0.05,
        ProbeEpochs = 30,
        ProbeLearningRate = 0.1,
        BaselineEpochs = 30,
        BaselineLearningRate = 0.01,
        Monitor = MonitoredMetric.MicroF1,
        Thresholds = ThresholdRule.Validation,
    };

    /// <summary>Checks every range; throws <see cref="ArgumentOutOfRangeException"/> naming the property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A property is out of range.</exception>
    public void Validate()
    {
        Check(BatchSize >= 2, nameof(BatchSize), BatchSize, "must be ≥ 2");
        Check(Enum.IsDefined(Optimizer), nameof(Optimizer), Optimizer, "is not an optimizer");
        Check(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "must lie in [0, 1)");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "must be finite and ≥ 0");
        Check(GradientAccumulationSteps >= 1, nameof(GradientAccumulationSteps), GradientAccumulationSteps, "must be ≥ 1");
        Check(WarmupFraction is >= 0 and < 1, nameof(WarmupFraction), WarmupFraction, "must lie in [0, 1)");
        Check(FinalLearningRateFraction is >= 0 and <= 1, nameof(FinalLearningRateFraction), FinalLearningRateFraction, "must lie in [0, 1]");
        Check(GradientClipNorm >= 0 && double.IsFinite(GradientClipNorm), nameof(GradientClipNorm), GradientClipNorm, "must be finite and ≥ 0");
        Check(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be ≥ 0");
        Check(PretrainEarlyStoppingPatience >= 0, nameof(PretrainEarlyStoppingPatience), PretrainEarlyStoppingPatience, "must be ≥ 0");
        Check(Threads is null or >= 1, nameof(Threads), Threads!, "must be ≥ 1");
        Check(EarlyStoppingMinDelta >= 0 && double.IsFinite(EarlyStoppingMinDelta), nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, "must be finite and ≥ 0");
        Check(PretrainEpochs >= 0, nameof(PretrainEpochs), PretrainEpochs, "must be ≥ 0");
        Check(ProbeEpochs >= 1, nameof(ProbeEpochs), ProbeEpochs, "must be ≥ 1");
        Check(BaselineEpochs >= 1, nameof(BaselineEpochs), BaselineEpochs, "must be ≥ 1");
        foreach (var (value, name) in new[] { (PretrainLearningRate, nameof(PretrainLearningRate)), (ProbeLearningRate, nameof(ProbeLearningRate)), (BaselineLearningRate, nameof(BaselineLearningRate)) })
            Check(value > 0 && double.IsFinite(value), name, value, "must be finite and > 0");
        Check(ProbeWeightDecay is null || (ProbeWeightDecay >= 0 && double.IsFinite(ProbeWeightDecay.Value)), nameof(ProbeWeightDecay), ProbeWeightDecay!, "must be finite and ≥ 0");
        Check(ProjectionSize >= 1, nameof(ProjectionSize), ProjectionSize, "must be ≥ 1");
        Check(ProjectionHiddenSize is null or >= 1, nameof(ProjectionHiddenSize), ProjectionHiddenSize!, "must be ≥ 1");
        Check(QueueSize >= 0, nameof(QueueSize), QueueSize, "must be ≥ 0");
        Check(KeyEncoderMomentum is >= 0 and < 1, nameof(KeyEncoderMomentum), KeyEncoderMomentum, "must lie in [0, 1)");
        Check(Enum.IsDefined(Monitor), nameof(Monitor), Monitor, "is not a monitored metric");
        Check(Enum.IsDefined(Thresholds), nameof(Thresholds), Thresholds, "is not a threshold rule");
        Check(PrecisionAtK is not null && PrecisionAtK.All(k => k >= 1), nameof(PrecisionAtK), PrecisionAtK!, "must hold values ≥ 1");
        Check(LogEverySteps >= 1, nameof(LogEverySteps), LogEverySteps, "must be ≥ 1");
        Check(PrefetchBatches >= 1, nameof(PrefetchBatches), PrefetchBatches, "must be ≥ 1");
        Check(ImageWorkers is null or >= 1, nameof(ImageWorkers), ImageWorkers!, "must be ≥ 1");
        Check(!Resume || CheckpointDirectory is not null, nameof(Resume), Resume, "needs a CheckpointDirectory");
    }

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}.");
    }
}

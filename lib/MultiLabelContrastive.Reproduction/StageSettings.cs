using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Images;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Metrics;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// What a run size means for a results table: the epochs of both stages, the size of the synthetic stand-in data, the
/// text length and our stand-in encoders. Explicit options (epochs, text length) override the size's values.
/// </summary>
/// <param name="Size">The run size.</param>
/// <param name="PretrainEpochs">Stage 1 epochs.</param>
/// <param name="ProbeEpochs">Stage 2 and BCE-baseline epochs.</param>
/// <param name="SyntheticRows">Train/validation/test rows of a synthetic stand-in; null: the profile's own (CPU-scaled) sizes.</param>
/// <param name="TextLength">Tokens per text.</param>
/// <param name="ImageSize">Side of a synthetic stand-in's images; null: the profile's (32).</param>
public sealed record StageSettings(RunSize Size, int PretrainEpochs, int ProbeEpochs, (int Train, int Validation, int Test)? SyntheticRows, int TextLength, int? ImageSize)
{
    /// <summary>How prepared image datasets are loaded: the ImageNet preprocessing at 224 × 224 (resize 256, centre crop,
    /// ImageNet normalisation) when the reader's <see cref="TableRunOptions.ResNetWeights"/> has the ImageNet stem; null:
    /// the loader's default (the whole image resized, pixels in [0, 1]).</summary>
    public PreparedLoadOptions? ImageLoad { get; init; }

    /// <summary>The settings of a run size, with the options' explicit epochs and text length taking precedence.</summary>
    /// <exception cref="WeightsFileException">The options' ResNet weights file is not a readable ResNet-18/50.</exception>
    public static StageSettings For(TableRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.Size switch
        {
            RunSize.Quick => new StageSettings(RunSize.Quick, 1, 3, (192, 64, 128), 64, 16),
            RunSize.Default => new StageSettings(RunSize.Default, 6, 20, (512, 128, 256), 96, 16),
            _ => new StageSettings(RunSize.Full, 100, 50, null, 512, null),
        };
        return size with
        {
            PretrainEpochs = options.PretrainEpochs > 0 ? options.PretrainEpochs : size.PretrainEpochs,
            ProbeEpochs = options.ProbeEpochs > 0 ? options.ProbeEpochs : size.ProbeEpochs,
            TextLength = options.TextLength is > 0 ? options.TextLength.Value : size.TextLength,
            ImageLoad = ImageEncoderChoice.LoadOptionsFor(options.ResNetWeights),
        };
    }

    /// <summary>Our stand-in encoder for an input kind: small for Quick and Default, the paper's architecture family at
    /// full width for Full (ResNet-50; the text CNN of the ICD-coding papers).</summary>
    public EncoderSpec StandIn(InputKind kind, bool surrogate) => (Size, kind) switch
    {
        (RunSize.Quick, InputKind.Tokens) => EncoderSpec.TextCnn(embeddingSize: 32, filters: 16),
        (RunSize.Quick, InputKind.Image) => EncoderSpec.ResNet18(smallImages: true, width: 4),
        (RunSize.Default, InputKind.Tokens) => EncoderSpec.TextCnn(embeddingSize: 64, filters: 32),
        (RunSize.Default, InputKind.Image) => EncoderSpec.ResNet18(smallImages: true, width: 8),
        (RunSize.Full, InputKind.Tokens) => EncoderSpec.TextCnn(),
        (RunSize.Full, InputKind.Image) => EncoderSpec.ResNet50(smallImages: surrogate),
        _ => EncoderSpec.Default(kind),
    };

    /// <summary>The trainer's options for these settings and the reader's stage options. F1 thresholds are chosen on the
    /// validation split (the fair version of MulSupCon's test-split choice, notebook 04).</summary>
    public TrainingOptions Training(TableRunOptions options) => new()
    {
        PretrainEpochs = PretrainEpochs,
        ProbeEpochs = ProbeEpochs,
        BaselineEpochs = ProbeEpochs,
        BatchSize = options.BatchSize,
        Optimizer = options.Optimizer,
        PretrainLearningRate = options.PretrainLearningRate,
        ProbeLearningRate = options.ProbeLearningRate,
        BaselineLearningRate = options.PretrainLearningRate,
        WeightDecay = options.WeightDecay,
        Thresholds = ThresholdRule.Validation,
    };

    /// <summary>The trainer's options of an image dataset run with the reader's ResNet weights: the paper's image-row
    /// settings (<see cref="TrainingOptions.PaperImageRows"/>: SGD with momentum 0.9, weight decay 10⁻⁴, its learning
    /// rates, views and early stopping on validation micro-F1) in place of the reader's optimizer, learning rates and
    /// weight decay. Epochs: the reader's explicit ones, else the preset's at full size, else the run size's (quick and
    /// default runs stay short); batch size the reader's; F1 thresholds chosen on validation.</summary>
    /// <param name="options">The reader's options.</param>
    /// <param name="paper">The preset as chosen for the dataset (<see cref="ImageEncoderChoice.Options"/>: its views
    /// depend on whether the images are prepared or synthetic).</param>
    public TrainingOptions PaperImageTraining(TableRunOptions options, TrainingOptions paper)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paper);
        var (pretrain, probe, baseline) = PaperImageEpochs(options, paper);
        return paper with
        {
            PretrainEpochs = pretrain,
            ProbeEpochs = probe,
            BaselineEpochs = baseline,
            BatchSize = options.BatchSize,
            Thresholds = ThresholdRule.Validation,
        };
    }

    private (int Pretrain, int Probe, int Baseline) PaperImageEpochs(TableRunOptions options, TrainingOptions paper)
    {
        var paperSize = Size == RunSize.Full;
        return (options.PretrainEpochs > 0 || !paperSize ? PretrainEpochs : paper.PretrainEpochs,
            options.ProbeEpochs > 0 || !paperSize ? ProbeEpochs : paper.ProbeEpochs,
            options.ProbeEpochs > 0 || !paperSize ? ProbeEpochs : paper.BaselineEpochs);
    }

    /// <summary>One line of the plan a results notebook shows before it trains.</summary>
    /// <param name="Stage">"data", "stage 1: contrastive pretraining", "stage 2: linear probe", "BCE baseline" or "encoders".</param>
    /// <param name="Setting">The setting's name.</param>
    /// <param name="Value">Its value, as used.</param>
    public sealed record PlanRow(string Stage, string Setting, string Value);

    /// <summary>The plan: every setting the runs use, by stage.</summary>
    public IReadOnlyList<PlanRow> Plan(TableRunOptions options)
    {
        var rows = SyntheticRows is { } r ? $"{r.Train}/{r.Validation}/{r.Test}" : "the profile's CPU-scaled sizes";
        return
        [
            new("run", "size", Size.Name()),
            new("run", "seeds", string.Join(", ", options.Seeds)),
            new("data", "prepared data root", TableRunOptions.Given(options.DataRoot) ? options.DataRoot : "none: synthetic stand-ins (surrogate data)"),
            new("data", "synthetic rows train/validation/test", rows),
            new("data", "tokens per text", TextLength.ToString()),
            new("data", "synthetic image side (pixels)", ImageSize?.ToString() ?? "the profile's (32)"),
            new("all stages", "optimizer", options.Optimizer.ToString()),
            new("all stages", "weight decay", Format(options.WeightDecay)),
            new("all stages", "batch size", options.BatchSize.ToString()),
            new("stage 1: contrastive pretraining", "epochs", PretrainEpochs.ToString()),
            new("stage 1: contrastive pretraining", "learning rate", Format(options.PretrainLearningRate)),
            new("stage 1: contrastive pretraining", "temperature τ", Format(options.Temperature)),
            new("stage 2: linear probe (frozen encoder)", "epochs", ProbeEpochs.ToString()),
            new("stage 2: linear probe (frozen encoder)", "learning rate", Format(options.ProbeLearningRate)),
            new("BCE baseline (end to end)", "epochs", ProbeEpochs.ToString()),
            new("BCE baseline (end to end)", "learning rate", Format(options.PretrainLearningRate)),
            new("evaluation", "F1 thresholds", "chosen on the validation split"),
            .. PaperImageRows(options),
        ];
    }

    /// <summary>The plan's rows for the image datasets when the reader gave ResNet weights (none otherwise).</summary>
    private IEnumerable<PlanRow> PaperImageRows(TableRunOptions options)
    {
        if (!TableRunOptions.Given(options.ResNetWeights)) yield break;
        const string stage = "image datasets (ResNetWeights)";
        var paper = TrainingOptions.PaperImageRows;
        var (pretrain, probe, baseline) = PaperImageEpochs(options, paper);
        var epochs = Size == RunSize.Full ? "" : $" ({Size.Name()} run; the paper's setting at full size: {paper.PretrainEpochs}, {paper.ProbeEpochs} and {paper.BaselineEpochs})";
        yield return new(stage, "encoder", $"TorchVision ResNet of the file's depth and stem, starting from '{options.ResNetWeights}' (torchvision .pth, safetensors or TorchSharp weights; every key and shape checked)");
        yield return new(stage, "inputs", ImageLoad is { } load
            ? $"prepared data: resize {load.ImageSize * ImageNetPreprocessing.ResizeSide / ImageNetPreprocessing.CropSide}, centre crop {load.ImageSize}, ImageNet normalisation; synthetic stand-ins: their own images"
            : "the loader's default (the file has the small-image stem)");
        yield return new(stage, "optimizer", $"SGD, momentum {Format(paper.Momentum)} (the paper's image rows; replaces the optimizer, learning rates and weight decay above)");
        yield return new(stage, "weight decay", Format(paper.WeightDecay));
        yield return new(stage, "learning-rate schedule", $"cosine after a {Format(paper.WarmupFraction)} linear warm-up");
        yield return new(stage, "views (stage 1)", $"prepared data: {paper.Augmentation}; synthetic stand-ins: {MultiLabelContrastive.Augmentation.ImageAugmentation.SimClr()}");
        yield return new(stage, "epochs: stage 1, stage 2, BCE baseline", $"{pretrain}, {probe}, {baseline}{epochs}");
        yield return new(stage, "learning rates: stage 1, stage 2, BCE baseline", $"{Format(paper.PretrainLearningRate)}, {Format(paper.ProbeLearningRate)}, {Format(paper.BaselineLearningRate)}");
        yield return new(stage, "early stopping (stage 2, BCE)", $"validation {paper.Monitor}, patience {paper.EarlyStoppingPatience}");
    }

    private static string Format(double value) => value.ToString(value is > 0 and < 1e-3 ? "0.0##e0" : "0.####", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Globalization;
using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Metrics;
using MultiLabelContrastive.Pretrained;
using MultiLabelContrastive.Pretrained.Bert;
using MultiLabelContrastive.Pretrained.Llama;
using MultiLabelContrastive.Pretrained.PlmIcd;
using MultiLabelContrastive.Pretrained.Tokenization;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// One of the paper's text encoders, run from a checkpoint folder the reader gives (<see cref="TableRunOptions.RobertaFolder"/>,
/// <see cref="TableRunOptions.LlamaFolder"/>, <see cref="TableRunOptions.PlmIcdFolder"/>): the paper row it stands for, its tokens per text and the paper's training
/// settings for it (<see cref="RobertaPresets"/>, <see cref="LlamaPresets"/>, <see cref="PlmIcdEncoderSpec.Paper"/>;
/// epochs from the run size; the reader's <c>PaperText*</c> options override learning rates, weight decay, batch and
/// accumulation). It runs on every dataset of a table whose paper numbers have that encoder's row (journal
/// Tables III–V; RoBERTa and PLM-ICD in conference Tables 2 and 3 too).
/// </summary>
/// <remarks>
/// The dataset's texts are tokenised by the folder's own tokenizer at <see cref="TextLength"/> tokens
/// (<see cref="PretrainedTextDataset"/>): the prepared dataset's texts when the data root holds one; otherwise the raw
/// texts of the dataset's synthetic profile (the same pseudo-word documents our stand-in reads as ids), so a row without
/// prepared data still runs the paper's encoder and is labelled surrogate data.
/// </remarks>
public sealed class PaperTextEncoder
{
    /// <summary>The paper's name of the RoBERTa rows.</summary>
    public const string Roberta = "RoBERTa";

    /// <summary>The paper's name of the Llama rows.</summary>
    public const string Llama = "Llama";

    /// <summary>The paper's name of the PLM-ICD rows.</summary>
    public const string PlmIcd = "PLM-ICD";

    /// <summary>Tokens per text of our Llama rows when <see cref="TableRunOptions.TextLength"/> is not set (the paper gives
    /// none; ours, as RoBERTa's).</summary>
    public const int LlamaTextLength = 512;

    private readonly Lazy<PretrainedTokenizer> tokenizer;
    private readonly TrainingOptions preset;

    private PaperTextEncoder(string paperName, string optionName, string folder, int textLength, string method, TrainingOptions preset)
    {
        PaperName = paperName;
        OptionName = optionName;
        Folder = folder;
        TextLength = textLength;
        Method = method;
        this.preset = preset;
        tokenizer = new Lazy<PretrainedTokenizer>(() => PretrainedTokenizer.FromFolder(CheckpointFolder.Open(folder)));
    }

    /// <summary>The paper's encoder name ("RoBERTa", "Llama"), as in its tables.</summary>
    public string PaperName { get; }

    /// <summary>The option that gave the folder ("RobertaFolder", "LlamaFolder").</summary>
    public string OptionName { get; }

    /// <summary>The checkpoint folder.</summary>
    public string Folder { get; }

    /// <summary>Tokens per text: <see cref="TableRunOptions.TextLength"/> when set, else the paper's (RoBERTa 512, PLM-ICD
    /// 3,072) or ours (Llama 512).</summary>
    public int TextLength { get; }

    /// <summary>PLM-ICD's segment length: 128, or the whole row when <see cref="TextLength"/> is shorter (then one segment).</summary>
    public int SegmentLength => Math.Min(SegmentOptions.PlmIcdSegmentLength, TextLength);

    /// <summary>How the encoder is trained, in words.</summary>
    public string Method { get; }

    /// <summary>The folder's tokenizer (read on first use).</summary>
    /// <exception cref="CheckpointException">The folder has no tokenizer files, or malformed ones.</exception>
    public PretrainedTokenizer Tokenizer => tokenizer.Value;

    /// <summary>The encoders the options give a folder for, RoBERTa first.</summary>
    /// <param name="options">The reader's options.</param>
    /// <param name="settings">The run size's settings (epochs).</param>
    public static IReadOnlyList<PaperTextEncoder> Given(TableRunOptions options, StageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var given = new List<PaperTextEncoder>();
        int Length(int paper) => options.TextLength is > 0 ? options.TextLength.Value : paper;
        if (TableRunOptions.Given(options.RobertaFolder))
            given.Add(new PaperTextEncoder(Roberta, nameof(TableRunOptions.RobertaFolder), options.RobertaFolder!, Length(RobertaPresets.TextLength),
                string.Create(CultureInfo.InvariantCulture, $"full fine-tuning, dropout {RobertaEncoderSpec.PaperDropout}, float32, <s> pooling"),
                Stages(RobertaPresets.Paper, settings, options)));
        if (TableRunOptions.Given(options.LlamaFolder))
            given.Add(new PaperTextEncoder(Llama, nameof(TableRunOptions.LlamaFolder), options.LlamaFolder!, Length(LlamaTextLength),
                $"{LlamaPresets.PaperLora}, base weights frozen (bfloat16 on CUDA, else float32), last-token pooling",
                Stages(LlamaPresets.Paper, settings, options)));
        if (TableRunOptions.Given(options.PlmIcdFolder))
        {
            var length = Length(SegmentOptions.PlmIcdMaxTokens);
            var segment = Math.Min(SegmentOptions.PlmIcdSegmentLength, length);
            if (length % segment != 0)
                throw new ArgumentException($"TextLength {length} is not a multiple of PLM-ICD's segment length {segment}: give a multiple (PLM-ICD: 3,072 = 24 × 128).");
            given.Add(new PaperTextEncoder(PlmIcd, nameof(TableRunOptions.PlmIcdFolder), options.PlmIcdFolder!, length,
                string.Create(CultureInfo.InvariantCulture,
                    $"segments of {segment} tokens; stage 1 fine-tunes the encoder on the mean token state, stage 2 trains the label-wise attention (d_a {PlmIcdEncoder.DefaultAttentionSize}) on the frozen token states"),
                Stages(PlmIcdEncoderSpec.Paper, settings, options)));
        }
        return given;
    }

    /// <summary>Whether the paper's table prints this encoder's row for the dataset.</summary>
    /// <param name="paper">The paper's numbers of the table.</param>
    /// <param name="dataset">The paper's dataset name.</param>
    public bool AppliesTo(IReadOnlyList<PaperNumber> paper, string dataset) =>
        paper.Any(p => p.Dataset == dataset && p.Encoder == PaperName);

    /// <summary>The training settings: the paper's preset, the run size's epochs, F1 thresholds chosen on validation, and
    /// token dropout writing the tokenizer's padding id.</summary>
    public TrainingOptions Training
    {
        get
        {
            var views = preset.Augmentation as TokenAugmentation
                ?? throw new InvalidOperationException($"The {PaperName} preset has no token augmentation.");
            return preset with { Augmentation = new TokenAugmentation(views.TokenDropProbability, views.SpanFraction, Tokenizer.PadId) };
        }
    }

    /// <summary>The encoder: RoBERTa fully fine-tuned, Llama with fresh LoRA adapters (padding = the tokenizer's), or
    /// PLM-ICD over segments with its label-wise attention as the stage-2 classifier.</summary>
    public EncoderSpec Spec() => PaperName switch
    {
        Roberta => RobertaEncoderSpec.FullFineTuning(Folder),
        PlmIcd => PlmIcdEncoderSpec.FromFolder(Folder, SegmentLength),
        _ => LlamaEncoderSpec.WithLora(Folder, lora: LlamaPresets.PaperLora, padId: Tokenizer.PadId),
    };

    /// <summary>The dataset tokenised by the folder's tokenizer: the prepared copy under the data root, else the texts of
    /// the synthetic profile (surrogate data).</summary>
    /// <param name="paperDataset">The paper's dataset name.</param>
    /// <param name="options">The reader's options (data root, row cap).</param>
    /// <param name="settings">The run size's settings (the synthetic stand-in's sizes).</param>
    /// <exception cref="InvalidDataException">The prepared folder holds no texts, or fails its checks.</exception>
    public ResolvedDataset Resolve(string paperDataset, TableRunOptions options, StageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var tokens = $"tokenised by {Tokenizer.Name} at {TextLength} tokens";
        if (TableRunOptions.Given(options.DataRoot))
        {
            var folder = DatasetResolver.PreparedFolder(options.DataRoot, paperDataset);
            if (File.Exists(Path.Combine(folder, "manifest.json")))
            {
                var real = PretrainedTextDataset.FromPrepared(folder, Tokenizer, TextLength, options.MaxRowsPerSplit > 0 ? options.MaxRowsPerSplit : null);
                return new ResolvedDataset(paperDataset, real, false, $"prepared data in {Path.GetFullPath(folder)}, {tokens}");
            }
        }
        var synthetic = DatasetResolver.SyntheticOptionsFor(paperDataset, settings);
        var corpus = SyntheticGenerator.GenerateTexts(synthetic);
        var data = PretrainedTextDataset.Create(synthetic.Name, corpus.LabelNames, corpus.Train, corpus.Validation, corpus.Test,
            Tokenizer, TextLength, isSurrogate: true, SyntheticGenerator.Describe(synthetic));
        return new ResolvedDataset(paperDataset, data, true, $"{DatasetResolver.SyntheticSource(paperDataset, synthetic)}: its texts {tokens}");
    }

    /// <summary>The plan's rows of this encoder.</summary>
    /// <param name="datasets">The table's datasets it runs on (empty: the table prints no row of it).</param>
    public IReadOnlyList<StageSettings.PlanRow> PlanRows(IReadOnlyList<string> datasets)
    {
        var t = preset;
        var stage = $"{PaperName} ({OptionName})";
        return
        [
            new(stage, "checkpoint folder", Folder),
            new(stage, "datasets", datasets.Count > 0 ? string.Join(", ", datasets) : $"none (this table prints no {PaperName} row)"),
            new(stage, "training", Method),
            new(stage, "tokens per text", TextLength.ToString(CultureInfo.InvariantCulture)),
            new(stage, "optimizer", $"{t.Optimizer}{(t.NoDecayOnBiasAndNorm ? ", no weight decay on bias and LayerNorm" : "")}"),
            new(stage, "weight decay", Format(t.WeightDecay)),
            new(stage, "batch size × gradient accumulation", $"{t.BatchSize} × {t.GradientAccumulationSteps}"),
            new(stage, "stage 1 learning rate (warm-up fraction)", $"{Format(t.PretrainLearningRate)} ({Format(t.WarmupFraction)})"),
            new(stage, "stage 2 (linear probe) learning rate", Format(t.ProbeLearningRate)),
            new(stage, "BCE baseline learning rate", Format(t.BaselineLearningRate)),
            new(stage, "epochs stage 1 / stage 2 / baseline", $"{t.PretrainEpochs} / {t.ProbeEpochs} / {t.BaselineEpochs}"),
            new(stage, "projection size D, gradient clip", $"{t.ProjectionSize}, {Format(t.GradientClipNorm)}"),
            new(stage, "views", preset.Augmentation is TokenAugmentation a
                ? string.Create(CultureInfo.InvariantCulture, $"token dropout p = {a.TokenDropProbability} into padding") : "the input kind's default"),
        ];
    }

    // The preset with the run size's epochs and the reader's PaperText* overrides.
    private static TrainingOptions Stages(TrainingOptions preset, StageSettings settings, TableRunOptions options) => preset with
    {
        PretrainEpochs = settings.PretrainEpochs,
        ProbeEpochs = settings.ProbeEpochs,
        BaselineEpochs = settings.ProbeEpochs,
        Thresholds = ThresholdRule.Validation,
        PretrainLearningRate = options.PaperTextLearningRate > 0 ? options.PaperTextLearningRate : preset.PretrainLearningRate,
        BaselineLearningRate = options.PaperTextLearningRate > 0 ? options.PaperTextLearningRate : preset.BaselineLearningRate,
        ProbeLearningRate = options.PaperTextProbeLearningRate > 0 ? options.PaperTextProbeLearningRate : preset.ProbeLearningRate,
        WeightDecay = options.PaperTextWeightDecay >= 0 ? options.PaperTextWeightDecay : preset.WeightDecay,
        BatchSize = options.PaperTextBatchSize > 0 ? options.PaperTextBatchSize : preset.BatchSize,
        GradientAccumulationSteps = options.PaperTextAccumulation > 0 ? options.PaperTextAccumulation : preset.GradientAccumulationSteps,
    };

    private static string Format(double value) => value.ToString(value is > 0 and < 1e-3 ? "0.0##e0" : "0.####", CultureInfo.InvariantCulture);
}

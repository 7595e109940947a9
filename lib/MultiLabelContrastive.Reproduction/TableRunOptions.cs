using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// Everything a results notebook lets its reader change, as one record: the run size, the data, the seeds, the two
/// stages' settings and the paper's encoders where the reader has them. A results notebook's parameters cell holds one
/// variable per property; <c>notebooks/results.csx</c> turns them into this record.
/// </summary>
public sealed record TableRunOptions
{
    /// <summary>Quick (CI smoke), Default (the main job) or Full (paper-scale epochs).</summary>
    public RunSize Size { get; init; } = RunSize.Default;

    /// <summary>Folder of datasets prepared by <c>data-scripts/</c>; empty: the matching synthetic profile (surrogate data).</summary>
    public string DataRoot { get; init; } = "";

    /// <summary>Seeds; every loss runs on each, so runs are paired. At least one; three or more for a standard deviation
    /// worth reading.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>Stage 1 (contrastive pretraining) epochs; 0: the run size's value (<see cref="StageSettings.For"/>).</summary>
    public int PretrainEpochs { get; init; }

    /// <summary>Stage 2 (linear probe) and BCE-baseline epochs; 0: the run size's value.</summary>
    public int ProbeEpochs { get; init; }

    /// <summary>Optimizer of every stage.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>Stage 1 learning rate (3e-3: the short runs of the main job learn in few epochs).</summary>
    public double PretrainLearningRate { get; init; } = 3e-3;

    /// <summary>Stage 2 learning rate (the BCE baseline uses <see cref="PretrainLearningRate"/>, as it trains the encoder).</summary>
    public double ProbeLearningRate { get; init; } = 3e-2;

    /// <summary>Weight decay of every stage.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>τ of every contrastive loss (the journal's 0.07).</summary>
    public double Temperature { get; init; } = 0.07;

    /// <summary>Cap on the rows read per split of a prepared dataset; 0: all.</summary>
    public int MaxRowsPerSplit { get; init; }

    /// <summary>Weights of an ImageNet ResNet-50 for the image tables (the paper's encoder): torchvision's own file
    /// (<c>resnet50-*.pth</c>, as <c>torch.save(model.state_dict())</c> writes it), a safetensors file with torchvision or
    /// Hugging Face <c>microsoft/resnet-50</c> names, or a TorchSharp weights file; every key and shape is checked and the
    /// classifier is left out. The image rows then use TorchVision's network of the file's depth and stem and the
    /// paper's training settings (<see cref="TrainingOptions.PaperImageRows"/>: SGD with momentum, its learning rates and
    /// weight decay, in place of <see cref="Optimizer"/>, the learning rates and <see cref="WeightDecay"/>), and prepared
    /// images are resized to 256, centre-cropped to 224 and ImageNet-normalised. Null or empty: our stand-in, trained
    /// from scratch.</summary>
    public string? ResNetWeights { get; init; }

    /// <summary>Folder of a Hugging Face RoBERTa-base checkpoint (config.json, weights, vocab.json + merges.txt): the text
    /// datasets whose paper rows include RoBERTa run it, fully fine-tuned with the paper's settings
    /// (<see cref="PaperTextEncoder"/>); null or empty: our stand-in.</summary>
    public string? RobertaFolder { get; init; }

    /// <summary>Folder of a Hugging Face Llama 3 / 3.1 checkpoint (config.json, weights, original/tokenizer.model): the
    /// text datasets whose paper rows include Llama run it with LoRA adapters (r 16, α 32, dropout 0.1); null or empty:
    /// our stand-in.</summary>
    public string? LlamaFolder { get; init; }

    /// <summary>Folder of a PLM-ICD checkpoint (RoBERTa-PM, or PLM-ICD's own fine-tuned one) for the MIMIC tables: their
    /// PLM-ICD rows run it over 128-token segments, with the label-wise attention as the stage-2 classifier; null or
    /// empty: our stand-in.</summary>
    public string? PlmIcdFolder { get; init; }

    /// <summary>Tokens per text (truncation length of the text tables); null or 0: the run size's value for our stand-in,
    /// 512 for RoBERTa (the paper's) and Llama (ours), 3,072 for PLM-ICD (its own).</summary>
    public int? TextLength { get; init; }

    /// <summary>Stage 1 and BCE-baseline learning rate of the paper's text encoders (<see cref="RobertaFolder"/>,
    /// <see cref="LlamaFolder"/>, <see cref="PlmIcdFolder"/>); 0: each encoder's preset (<see cref="PaperTextEncoder"/>,
    /// shown in the plan). The stand-in's stages use <see cref="PretrainLearningRate"/> and the options above.</summary>
    public double PaperTextLearningRate { get; init; }

    /// <summary>Stage 2 learning rate of the paper's text encoders; 0: each encoder's preset.</summary>
    public double PaperTextProbeLearningRate { get; init; }

    /// <summary>Weight decay of the paper's text encoders (bias and LayerNorm stay exempt); negative: each encoder's
    /// preset (0.01).</summary>
    public double PaperTextWeightDecay { get; init; } = -1;

    /// <summary>Rows per micro-batch of the paper's text encoders; 0: each encoder's preset.</summary>
    public int PaperTextBatchSize { get; init; }

    /// <summary>Micro-batches per optimizer step of the paper's text encoders (the optimizer's batch is their product;
    /// the contrastive loss still pairs rows within a micro-batch); 0: each encoder's preset.</summary>
    public int PaperTextAccumulation { get; init; }

    /// <summary>Folder of a finished sweep (<c>Runner sweep</c>): its runs are read instead of training here; null or
    /// empty: train here.</summary>
    public string? ResultsStore { get; init; }

    /// <summary>The losses to run, by name (<see cref="TableRuns.Losses"/> and <see cref="TableRuns.Baseline"/>); empty: all of
    /// them. A sweep splits a table by loss with it; BCE trains beside the first contrastive loss chosen.</summary>
    public IReadOnlyList<string> Losses { get; init; } = [];

    /// <summary>The datasets of the table to run, by the paper's name (e.g. "MS-COCO"); empty: all of them.</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    /// <summary>Where a sweep task wants the runs (a JSON file, <see cref="SweepMetrics.Write"/>); null or empty: not in a sweep.</summary>
    public string? MetricsOut { get; init; }

    /// <summary>Checks the ranges and that named files and folders exist; the message names the option.</summary>
    /// <exception cref="ArgumentException">An option is out of range or names a missing file or folder.</exception>
    public void Validate()
    {
        if (Seeds.Count == 0) throw new ArgumentException("Seeds: give at least one seed.");
        if (PretrainEpochs < 0) throw new ArgumentException($"PretrainEpochs must be ≥ 0 (0: the run size's value), got {PretrainEpochs}.");
        if (ProbeEpochs < 0) throw new ArgumentException($"ProbeEpochs must be ≥ 0 (0: the run size's value), got {ProbeEpochs}.");
        if (!(PretrainLearningRate > 0)) throw new ArgumentException($"PretrainLearningRate must be > 0, got {PretrainLearningRate}.");
        if (!(ProbeLearningRate > 0)) throw new ArgumentException($"ProbeLearningRate must be > 0, got {ProbeLearningRate}.");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"WeightDecay must be ≥ 0, got {WeightDecay}.");
        if (BatchSize < 2) throw new ArgumentException($"BatchSize must be ≥ 2, got {BatchSize}.");
        if (!(Temperature > 0)) throw new ArgumentException($"Temperature τ must be > 0, got {Temperature}.");
        if (MaxRowsPerSplit < 0) throw new ArgumentException($"MaxRowsPerSplit must be ≥ 0 (0: all), got {MaxRowsPerSplit}.");
        if (PaperTextLearningRate < 0) throw new ArgumentException($"PaperTextLearningRate must be ≥ 0 (0: each encoder's preset), got {PaperTextLearningRate}.");
        if (PaperTextProbeLearningRate < 0) throw new ArgumentException($"PaperTextProbeLearningRate must be ≥ 0 (0: each encoder's preset), got {PaperTextProbeLearningRate}.");
        if (PaperTextBatchSize is < 0 or 1) throw new ArgumentException($"PaperTextBatchSize must be 0 (each encoder's preset) or ≥ 2, got {PaperTextBatchSize}.");
        if (PaperTextAccumulation < 0) throw new ArgumentException($"PaperTextAccumulation must be ≥ 0 (0: each encoder's preset), got {PaperTextAccumulation}.");
        if (TextLength is < 0) throw new ArgumentException($"TextLength must be ≥ 0 (0: the run size's value), got {TextLength}.");
        if (!string.IsNullOrWhiteSpace(DataRoot) && !Directory.Exists(DataRoot))
            throw new ArgumentException($"DataRoot: no folder '{Path.GetFullPath(DataRoot)}'.");
        if (Given(ResNetWeights) && !File.Exists(ResNetWeights))
            throw new ArgumentException($"ResNetWeights: no file '{Path.GetFullPath(ResNetWeights!)}'.");
        var unknown = Losses.Where(l => TableRuns.KindOf(l) is null && !TableRuns.IsBaseline(l)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Losses: unknown {string.Join(", ", unknown.Select(u => $"'{u}'"))}; choose from {string.Join(", ", TableRuns.Losses)}, {TableRuns.Baseline} (empty: all).");
        if (Losses.Count > 0 && Losses.All(TableRuns.IsBaseline))
            throw new ArgumentException($"Losses: {TableRuns.Baseline} trains beside a contrastive loss (it shares its seed and data); choose one with it, e.g. 'All+{TableRuns.Baseline}'.");
        foreach (var (name, folder) in new[] { ("RobertaFolder", RobertaFolder), ("LlamaFolder", LlamaFolder), ("PlmIcdFolder", PlmIcdFolder), ("ResultsStore", ResultsStore) })
            if (Given(folder) && !Directory.Exists(folder))
                throw new ArgumentException($"{name}: no folder '{Path.GetFullPath(folder!)}'.");
    }

    /// <summary>A notebook parameter's list of names ("All+BCE", "MS-COCO,NUS-WIDE"): split at '+' and ',', trimmed, empty
    /// items dropped. ('+' lets one sweep task name several losses, since a sweep's grid splits its values at ','.)</summary>
    public static IReadOnlyList<string> Names(string? text) =>
        (text ?? "").Split(['+', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether an optional path option is set (not null, not blank).</summary>
    public static bool Given(string? path) => !string.IsNullOrWhiteSpace(path);
}

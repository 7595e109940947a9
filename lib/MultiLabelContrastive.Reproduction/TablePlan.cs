using System.Diagnostics;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// The shared runner of the results notebooks (10–16): one results table of the paper, named by its version and number,
/// with the reader's options. <see cref="For"/> reads the paper's numbers and settles every setting (shown before
/// anything trains); <see cref="Run"/> trains every loss on every dataset of the table over the seeds and returns the
/// paper's numbers beside ours.
/// </summary>
/// <param name="Version">"journal" or "conference".</param>
/// <param name="Table">The table as printed ("II", "3", …).</param>
/// <param name="Options">The reader's options.</param>
/// <param name="Settings">What the run size means (epochs, data sizes, encoders).</param>
/// <param name="Paper">The paper's numbers of the table.</param>
public sealed record TablePlan(string Version, string Table, TableRunOptions Options, StageSettings Settings, IReadOnlyList<PaperNumber> Paper)
{
    /// <summary>The plan of one table.</summary>
    /// <param name="version">"journal" or "conference".</param>
    /// <param name="table">The table as printed.</param>
    /// <param name="options">The reader's options (validated here).</param>
    /// <param name="paperResults">The paper's numbers (notebooks/paper-results/results.csv, relative to the notebooks).</param>
    /// <exception cref="ArgumentException">An option is out of range, or the paper has no such table.</exception>
    public static TablePlan For(string version, string table, TableRunOptions options, string paperResults = PaperResults.RelativePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var plan = new TablePlan(version, table, options, StageSettings.For(options), PaperResults.Table(PaperResults.Load(paperResults), version, table));
        var unknown = options.Datasets.Where(d => !plan.TableDatasets.Any(t => SameName(t, d))).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Datasets: {plan.Name} has no {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its datasets are {string.Join(", ", plan.TableDatasets)} (empty: all).");
        return plan;
    }

    // "PASCAL VOC", "pascal-voc" and "PascalVOC" name the same dataset (a sweep's parameters avoid spaces).
    private static bool SameName(string a, string b) => Normal(a) == Normal(b);

    private static string Normal(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>"journal Table II", "conference Table 3".</summary>
    public string Name => $"{Version} Table {Table}";

    /// <summary>Every dataset of the table, in the paper's order.</summary>
    public IReadOnlyList<string> TableDatasets => Paper.Select(p => p.Dataset).Distinct().ToList();

    /// <summary>The datasets this plan runs: the table's, or those of <see cref="TableRunOptions.Datasets"/>, in the paper's order.</summary>
    public IReadOnlyList<string> Datasets => TableDatasets.Where(t => Options.Datasets.Count == 0 || Options.Datasets.Any(d => SameName(t, d))).ToList();

    /// <summary>The contrastive losses this plan runs: <see cref="TableRuns.Losses"/>, or those of <see cref="TableRunOptions.Losses"/>.</summary>
    public IReadOnlyList<Losses.LossKind> Losses => TableRuns.Losses.Where(k => Options.Losses.Count == 0 || Options.Losses.Any(l => TableRuns.KindOf(l) == k)).ToList();

    /// <summary>Whether this plan trains the BCE baseline (every plan does unless <see cref="TableRunOptions.Losses"/> leaves it out).</summary>
    public bool RunsBaseline => Options.Losses.Count == 0 || Options.Losses.Any(TableRuns.IsBaseline);

    /// <summary>The paper's encoders of the table, in the paper's order.</summary>
    public IReadOnlyList<string> PaperEncoders => Paper.Select(p => p.Encoder).Distinct().ToList();

    /// <summary>The table's metrics, in the paper's order.</summary>
    public IReadOnlyList<string> Metrics => Paper.Select(p => p.Metric).Distinct().ToList();

    /// <summary>Every setting the runs will use, by stage.</summary>
    public IReadOnlyList<StageSettings.PlanRow> PlanRows =>
        [.. Settings.Plan(Options), .. TextEncoders.SelectMany(t => t.PlanRows(Datasets.Where(d => t.AppliesTo(Paper, d)).ToList()))];

    /// <summary>The paper's text encoders the reader gave a checkpoint folder for (RobertaFolder, LlamaFolder, PlmIcdFolder); each runs on
    /// the datasets whose paper numbers have its row, in place of our stand-in.</summary>
    public IReadOnlyList<PaperTextEncoder> TextEncoders => PaperTextEncoder.Given(Options, Settings);

    /// <summary>The paper's numbers of one metric in its wide layout (rows: encoder · loss; columns: datasets).</summary>
    public Deedle.Frame<string, string> PaperTable(string metric) => WideTables.For(Paper, [], metric);

    /// <summary>The run size's name ("quick", "default", "full"), for the run summary.</summary>
    public string Mode => Settings.Size.Name();

    /// <summary>"real", "surrogate" or "mixed": whether the datasets of the table are prepared under the data root.</summary>
    public string DataKind
    {
        get
        {
            var prepared = Datasets.Count(d => TableRunOptions.Given(Options.DataRoot)
                && File.Exists(Path.Combine(DatasetResolver.PreparedFolder(Options.DataRoot, d), "manifest.json")));
            return prepared == 0 ? "surrogate" : prepared == Datasets.Count ? "real" : "mixed";
        }
    }

    /// <summary>"paper's" when every dataset will run the paper's encoder (the image tables with ResNet-50 weights, the text
    /// tables with a RoBERTa, Llama or PLM-ICD folder), else "stand-in".</summary>
    public string EncoderKind => Datasets.All(d => (DatasetResolver.ProfileOf[d] is "coco-like" or "voc-like" or "nuswide-like"
        && TableRunOptions.Given(Options.ResNetWeights)) || TextEncoders.Any(t => t.AppliesTo(Paper, d))) ? "paper's" : "stand-in";

    /// <summary>A short line for the run summary.</summary>
    public string Detail => $"{Name}: {Settings.PretrainEpochs} + {Settings.ProbeEpochs} epochs, {Options.Seeds.Count} seed(s)";

    /// <summary>
    /// Trains every loss (and the BCE baseline) on every dataset of the table over the seeds — or, with
    /// <see cref="TableRunOptions.ResultsStore"/>, reads a finished sweep's runs of these datasets and losses instead.
    /// With <see cref="TableRunOptions.MetricsOut"/> (a sweep task) the runs are also written there.
    /// </summary>
    /// <param name="progress">Receives one line per dataset when its runs are done (null: silent).</param>
    /// <exception cref="InvalidDataException">The results store holds no run of this plan's datasets and losses.</exception>
    public TableResults Run(Action<string>? progress = null)
    {
        if (TableRunOptions.Given(Options.ResultsStore)) return FromStore(Options.ResultsStore!, progress);
        var training = Settings.Training(Options);
        var ks = MetricConvention.Ks(Paper.Select(p => p.Metric));
        var runs = new List<RunRecord>();
        var sources = new List<DataSourceRow>();
        var paperEncoder = new List<bool>();
        foreach (var (name, text) in DatasetRuns())
        {
            var clock = Stopwatch.StartNew();
            using var data = text?.Resolve(name, Options, Settings) ?? DatasetResolver.Resolve(name, Options.DataRoot, Settings, seed: 0,
                maxRowsPerSplit: Options.MaxRowsPerSplit > 0 ? Options.MaxRowsPerSplit : null);
            // The weights file is read to choose the network: once per dataset, for the encoder and its training settings.
            var image = text is null && data.Dataset.Kind == InputKind.Image ? PaperImageChoice(data) : null;
            var (encoder, factory, isPaper) = EncoderFor(data, text, image);
            paperEncoder.Add(isPaper);
            sources.Add(data.SourceRow(encoder.Name, pretrainedWeights: factory is not null));
            var before = runs.Count;
            runs.AddRange(TableRuns.Run(data, encoder, Options.Seeds, text?.Training ?? (image is null ? training : Settings.PaperImageTraining(Options, image.Options)), Options.Temperature, ks, factory,
                    losses: Losses, baseline: RunsBaseline)
                .Select(r => r with { PaperEncoder = isPaper }));
            var mine = runs.Skip(before).ToList();
            progress?.Invoke($"{name} ({data.Label}, {encoder.Name}): {mine.Count} runs ({Losses.Count} losses{(RunsBaseline ? " + BCE" : "")} × {Options.Seeds.Count} seeds) " +
                $"in {clock.Elapsed.TotalSeconds:0} s; mean test macro-AUC {mine.Average(r => r.Report.MacroAuc):0.000}");
        }

        if (TableRunOptions.Given(Options.MetricsOut)) SweepMetrics.Write(Options.MetricsOut!, runs);
        return new TableResults(this, runs, sources, paperEncoder.All(p => p));
    }

    // A finished sweep's runs of this plan's datasets and losses (partial sweeps read as such: the store's description
    // counts succeeded and failed tasks, and the tables show the seeds each cell has).
    private TableResults FromStore(string store, Action<string>? progress)
    {
        var names = Losses.Select(l => l.ToString()).Concat(RunsBaseline ? [TableRuns.Baseline] : []).ToHashSet(StringComparer.Ordinal);
        var runs = SweepResults.Load(store).Where(r => Datasets.Contains(r.Dataset) && names.Contains(r.Loss)).ToList();
        progress?.Invoke(SweepResults.Describe(store));
        if (runs.Count == 0)
            throw new InvalidDataException($"The results store '{Path.GetFullPath(store)}' holds no run of {Name} for {string.Join(", ", Datasets)} "
                + $"and {string.Join(", ", names)}: was the sweep planned from this table's notebook?");
        var sources = runs.GroupBy(r => r.Dataset).Select(g => new DataSourceRow(g.Key, g.First().IsSurrogate ? "surrogate data" : "real data",
            $"results store {Path.GetFullPath(store)}: {g.Count()} run(s), seeds {string.Join(", ", g.Select(r => r.Seed).Distinct().Order())}",
            string.Join(" / ", g.Select(r => r.Encoder).Distinct()))).ToList();
        foreach (var dataset in sources) progress?.Invoke($"{dataset.Dataset}: {dataset.Source}");
        return new TableResults(this, runs, sources, runs.All(r => r.PaperEncoder));
    }

    /// <summary>Each dataset once per paper text encoder that runs on it (<see cref="TextEncoders"/>), or once with none
    /// (the image branch or our stand-in).</summary>
    private List<(string Name, PaperTextEncoder? Text)> DatasetRuns()
    {
        var given = TextEncoders;
        return Datasets.SelectMany(d => given.Where(t => t.AppliesTo(Paper, d)).Select(t => (d, (PaperTextEncoder?)t)).DefaultIfEmpty((d, null))).ToList();
    }

    /// <summary>Our encoder for a dataset: the paper's where the reader gave its weights (<paramref name="text"/>, or
    /// <paramref name="image"/> for an image dataset), else our stand-in.</summary>
    private (EncoderSpec Spec, Func<Encoder>? Factory, bool IsPaper) EncoderFor(ResolvedDataset data, PaperTextEncoder? text, ImageEncoderChoice? image)
    {
        if (text is not null)
        {
            // The paper's text encoder from its folder; data is the dataset tokenised by the folder's tokenizer.
            var paperSpec = text.Spec();
            return (paperSpec, () => paperSpec.Create(data.Dataset), true);
        }
        if (image is not null)
            return (image.Encoder, () => image.Encoder.Create(data.Dataset), image.IsPaperEncoder);
        return (Settings.StandIn(data.Dataset.Kind, data.IsSurrogate), null, false);
    }

    /// <summary>With the reader's ResNet weights: TorchVision's network of the file's depth and stem, loading the file
    /// through <see cref="ResNetWeights"/> (torchvision <c>.pth</c>, safetensors or TorchSharp format, every key and
    /// shape checked) into each encoder it creates, and the paper's image-row training
    /// (<see cref="StageSettings.PaperImageTraining"/>); null without weights.</summary>
    private ImageEncoderChoice? PaperImageChoice(ResolvedDataset data) =>
        TableRunOptions.Given(Options.ResNetWeights)
            ? ImageEncoderChoice.For(Options.ResNetWeights, Settings.StandIn(InputKind.Image, data.IsSurrogate), Settings.Training(Options), surrogateData: data.IsSurrogate)
            : null;
}

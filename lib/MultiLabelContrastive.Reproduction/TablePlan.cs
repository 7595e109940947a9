using System.Diagnostics;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;

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
        return new TablePlan(version, table, options, StageSettings.For(options), PaperResults.Table(PaperResults.Load(paperResults), version, table));
    }

    /// <summary>"journal Table II", "conference Table 3".</summary>
    public string Name => $"{Version} Table {Table}";

    /// <summary>The table's datasets, in the paper's order.</summary>
    public IReadOnlyList<string> Datasets => Paper.Select(p => p.Dataset).Distinct().ToList();

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

    /// <summary>Trains every loss (and the BCE baseline) on every dataset of the table over the seeds.</summary>
    /// <param name="progress">Receives one line per dataset when its runs are done (null: silent).</param>
    /// <exception cref="NotSupportedException">An option the runner cannot honour yet (see the message).</exception>
    public TableResults Run(Action<string>? progress = null)
    {
        NotWiredYet(("ResultsStore", Options.ResultsStore));
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
            var (encoder, factory, isPaper) = EncoderFor(data, text);
            paperEncoder.Add(isPaper);
            sources.Add(data.SourceRow(encoder.Name, pretrainedWeights: factory is not null));
            var before = runs.Count;
            runs.AddRange(TableRuns.Run(data, encoder, Options.Seeds, text?.Training ?? training, Options.Temperature, ks, factory));
            var mine = runs.Skip(before).ToList();
            progress?.Invoke($"{name} ({data.Label}, {encoder.Name}): {mine.Count} runs ({TableRuns.Losses.Count} losses + BCE × {Options.Seeds.Count} seeds) " +
                $"in {clock.Elapsed.TotalSeconds:0} s; mean test macro-AUC {mine.Average(r => r.Report.MacroAuc):0.000}");
        }
        return new TableResults(this, runs, sources, paperEncoder.All(p => p));
    }

    /// <summary>Each dataset once per paper text encoder that runs on it (<see cref="TextEncoders"/>), or once with none
    /// (the image branch or our stand-in).</summary>
    private List<(string Name, PaperTextEncoder? Text)> DatasetRuns()
    {
        var given = TextEncoders;
        return Datasets.SelectMany(d => given.Where(t => t.AppliesTo(Paper, d)).Select(t => (d, (PaperTextEncoder?)t)).DefaultIfEmpty((d, null))).ToList();
    }

    /// <summary>Our encoder for a dataset: the paper's where the reader gave its weights, else our stand-in.</summary>
    private (EncoderSpec Spec, Func<Encoder>? Factory, bool IsPaper) EncoderFor(ResolvedDataset data, PaperTextEncoder? text)
    {
        if (text is not null)
        {
            // The paper's text encoder from its folder; data is the dataset tokenised by the folder's tokenizer.
            var paperSpec = text.Spec();
            return (paperSpec, () => paperSpec.Create(data.Dataset), true);
        }
        var kind = data.Dataset.Kind;
        if (kind == InputKind.Image && TableRunOptions.Given(Options.ResNetWeights))
        {
            var spec = EncoderSpec.ResNet50(smallImages: data.IsSurrogate);
            var weights = Options.ResNetWeights!;
            return (spec, () => { var e = spec.Create(data.Dataset); e.load(weights); return e; }, true);
        }
        return (Settings.StandIn(kind, data.IsSurrogate), null, false);
    }

    // The integrator wires these encoders and the sweep store in as they land; until then a set option is an error
    // rather than silently ignored.
    private static void NotWiredYet(params (string Name, string? Value)[] options)
    {
        foreach (var (name, value) in options)
            if (TableRunOptions.Given(value))
                throw new NotSupportedException($"{name} is set ('{value}'), but the results runner cannot use it yet (not yet wired); leave it empty to run our stand-in.");
    }
}

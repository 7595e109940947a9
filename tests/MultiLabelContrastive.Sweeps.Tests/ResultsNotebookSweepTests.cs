using System.Globalization;
using MultiLabelContrastive.Metrics;
using MultiLabelContrastive.Reproduction;

namespace MultiLabelContrastive.Sweeps.Tests;

/// <summary>
/// The results notebooks (10–16) as sweeps: a table split into tasks by loss, dataset and seed (TableRunOptions.Losses,
/// Datasets, Seeds), each task writing its runs (MetricsOut), and the notebook given the store (ResultsStore) showing the
/// sweep's numbers instead of training.
/// </summary>
public sealed class ResultsNotebookSweepTests : IDisposable
{
    private readonly string _folder = SweepFixture.TemporaryFolder("results-notebook");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string PaperResultsFile => Path.Combine(RepositoryRoot.Path, "notebooks", PaperResults.RelativePath);

    private static TablePlan Plan(string version, string table, TableRunOptions options) => TablePlan.For(version, table, options, PaperResultsFile);

    private static RunRecord Run(string dataset, string loss, int seed)
    {
        var random = new Random(seed * 31 + loss.Length);
        var truth = new int[40, 5];
        var scores = new double[40, 5];
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 5; j++) { truth[i, j] = random.Next(2); scores[i, j] = 0.6 * truth[i, j] + 0.4 * random.NextDouble(); }
        return new RunRecord(dataset, "Fixture encoder", loss, seed, MultiLabelMetrics.Evaluate(scores, truth, new MetricOptions { Ks = [1, 3, 5] }), 1, true);
    }

    /// <summary>A store with one task per (seed, dataset), the last one failed. (The fixture notebook's Loss parameter
    /// names the task's dataset here: only the runs in the records count when a table reads a store.)</summary>
    private (string Store, List<RunRecord> Written) Store(IReadOnlyList<string> datasets, IReadOnlyList<string> losses, int seeds)
    {
        var manifest = SweepManifest.Plan(SweepFixture.TaskNotebook, [SweepAxis.Parse("Seed=1.." + seeds), SweepAxis.Parse("Loss=" + string.Join(',', datasets.Select(d => d.Replace(" ", ""))))],
            new Dictionary<string, string>(), Path.Combine(_folder, "m.jsonl"));
        var store = new SweepStore(Path.Combine(_folder, "results"));
        var written = new List<RunRecord>();
        foreach (var entry in manifest.Entries)
        {
            var failed = entry.Index == manifest.Entries.Count - 1;
            var dataset = datasets.Single(d => d.Replace(" ", "") == entry.Parameters["Loss"]);
            var runs = losses.Select(l => Run(dataset, l, int.Parse(entry.Parameters["Seed"], CultureInfo.InvariantCulture))).ToList();
            if (!failed) written.AddRange(runs);
            SweepFixture.WriteRecord(store, entry, runs, failed ? new SweepError("Cancelled", "scancel", 9) : null);
        }

        return (store.Folder, written);
    }

    [Fact]
    public void A_plan_runs_the_losses_and_datasets_it_is_given_and_names_what_it_does_not_know()
    {
        var all = Plan("journal", "II", new TableRunOptions());
        Assert.Equal(["MS-COCO", "PASCAL", "NUS-WIDE"], all.Datasets);
        Assert.Equal(TableRuns.Losses, all.Losses);
        Assert.True(all.RunsBaseline);

        var part = Plan("journal", "II", new TableRunOptions { Losses = TableRunOptions.Names("sdweighted+All"), Datasets = TableRunOptions.Names("pascal,ms coco") });
        Assert.Equal(["MS-COCO", "PASCAL"], part.Datasets);
        Assert.Equal([Losses.LossKind.All, Losses.LossKind.SdWeighted], part.Losses);
        Assert.False(part.RunsBaseline);
        Assert.True(Plan("journal", "II", new TableRunOptions { Losses = ["Any", "bce"] }).RunsBaseline);

        var e = Assert.Throws<ArgumentException>(() => Plan("journal", "II", new TableRunOptions { Losses = ["All", "SupCon"] }));
        Assert.Contains("'SupCon'", e.Message);
        Assert.Contains("SdWeighted", e.Message);
        e = Assert.Throws<ArgumentException>(() => Plan("journal", "II", new TableRunOptions { Losses = ["BCE"] }));
        Assert.Contains("beside a contrastive loss", e.Message);
        e = Assert.Throws<ArgumentException>(() => Plan("journal", "II", new TableRunOptions { Datasets = ["AAPD"] }));
        Assert.Contains("'AAPD'", e.Message);
        Assert.Contains("MS-COCO, PASCAL, NUS-WIDE", e.Message);
    }

    [Fact]
    public void Given_a_partial_store_the_table_shows_its_runs_without_training_and_an_empty_match_is_an_error()
    {
        var (store, written) = Store(["MS-COCO", "PASCAL"], ["All", "SdWeighted", "BCE"], seeds: 2);
        var lines = new List<string>();
        var results = Plan("journal", "II", new TableRunOptions { Size = RunSize.Quick, ResultsStore = store }).Run(lines.Add);
        Assert.DoesNotContain(lines, l => l.Contains(" seeds) in ", StringComparison.Ordinal)); // the progress line of runs trained here

        Assert.Equal(written.Select(r => (r.Dataset, r.Loss, r.Seed, r.Report.MicroF1)), results.Runs.Select(r => (r.Dataset, r.Loss, r.Seed, r.Report.MicroF1)));
        Assert.Equal(["MS-COCO", "PASCAL"], results.Datasets); // NUS-WIDE has no run: no chart for it
        Assert.Equal(2, results.SeedCount);
        Assert.Contains(lines, l => l.Contains("3 task(s) succeeded (9 run(s)), 1 failed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PASCAL: results store", StringComparison.Ordinal) && l.Contains("seeds 1", StringComparison.Ordinal));
        var cocoAll = results.SideBySide.Single(r => r.Dataset == "MS-COCO" && r.Metric == "MicroF1" && r.Loss == "All");
        Assert.Equal(2, cocoAll.Seeds);
        Assert.Equal(Math.Round(100 * written.Where(r => r.Dataset == "MS-COCO" && r.Loss == "All").Average(r => r.Report.MicroF1), 2), cocoAll.Ours);
        Assert.Equal(1, results.SideBySide.Single(r => r.Dataset == "PASCAL" && r.Metric == "MicroF1" && r.Loss == "All").Seeds);
        Assert.Equal("stand-in", results.EncoderKind);

        var onlyAll = Plan("journal", "II", new TableRunOptions { ResultsStore = store, Losses = ["All"], Datasets = ["PASCAL"] }).Run();
        Assert.Equal([("PASCAL", "All", 1)], onlyAll.Runs.Select(r => (r.Dataset, r.Loss, r.Seed)));

        var e = Assert.Throws<InvalidDataException>(() => Plan("journal", "II", new TableRunOptions { ResultsStore = store, Datasets = ["NUS-WIDE"] }).Run());
        Assert.Contains(store, e.Message);
        Assert.Contains("NUS-WIDE", e.Message);
    }

    [Fact]
    public async Task A_results_notebook_swept_with_the_local_backend_shows_the_collected_numbers()
    {
        // Journal Table IV (AAPD, one dataset) in quick mode, split into two tasks by loss; then the notebook given the store.
        var notebooks = Path.Combine(RepositoryRoot.Path, "notebooks");
        var manifest = Path.Combine(_folder, "manifest.jsonl");
        var store = Path.Combine(_folder, "results");
        var (exit, output) = await SweepFixture.RunnerAsync(["sweep", "plan", "--table", "journal-table-IV", "--notebooks", notebooks, "--quick",
            "--grid", "Losses=All+BCE,SdWeighted", "--param", "Seeds=1", "-o", manifest]);
        Assert.True(exit == 0, output);
        Assert.Contains("2 task(s)", output);
        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "local", "-j", "1", "--cell-timeout", "300"], timeoutSeconds: 900);
        Assert.True(exit == 0, output);
        Assert.Contains("2 task(s): 2 done, 0 failed, 0 pending", output);
        var runs = SweepResults.Load(store);
        Assert.Equal(["All", "BCE", "SdWeighted"], runs.Select(r => r.Loss).Order(StringComparer.Ordinal));
        Assert.All(runs, r => Assert.Equal(("AAPD", 1), (r.Dataset, r.Seed)));

        var report = Path.Combine(_folder, "report");
        (exit, output) = await SweepFixture.RunnerAsync([Path.Combine(notebooks, "12-journal-table-IV.ipynb"), "--out", report, "--quick", "--in-process",
            "--param", "ResultsStore=" + store], timeoutSeconds: 600);
        Assert.True(exit == 0, output);
        var text = SweepFixture.OutputText(Path.Combine(report, "notebooks", "12-journal-table-IV.ipynb"));
        Assert.Contains("2 task(s) succeeded (3 run(s)), 0 failed", text);
        Assert.Contains("AAPD: results store", text);
        Assert.DoesNotContain(" seeds) in ", text); // the progress line of runs trained here: "AAPD (…): 6 runs (5 losses + BCE × 1 seeds) in 3 s"
        foreach (var run in runs)
            Assert.Contains(FormattableString.Invariant($"{100 * run.Report.MicroF1:0.00} ± "), text);
    }
}

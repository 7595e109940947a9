using System.Globalization;
using System.Text.RegularExpressions;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Reproduction;

namespace MultiLabelContrastive.Sweeps.Tests;

/// <summary>The issue's "done when": plan + submit to Slurm + collect a small table, a cancelled task recovered by
/// resubmission, and a results notebook showing the collected numbers — on a real (single-node) Slurm cluster.</summary>
[Collection(SlurmCollection.Name)]
public sealed partial class SlurmTests : IDisposable
{
    // Under the repository's ignored artifacts? No: under /tmp, which every "node" (this machine) sees.
    private readonly string _folder = SweepFixture.TemporaryFolder("slurm");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, string> Env => new() { ["SLURM_CONF"] = Path.Combine(SlurmCluster.Folder, "slurm.conf") };

    private async Task<string> PlanAsync(string manifest, params string[] extra)
    {
        var (exit, output) = await SweepFixture.RunnerAsync(["sweep", "plan", SweepFixture.TaskNotebook, "--grid", "Loss=All,SdWeighted", "--grid", "Seed=1,2", .. extra, "-o", manifest]);
        Assert.True(exit == 0, output);
        return manifest;
    }

    [Fact]
    public async Task A_four_task_array_runs_on_Slurm_is_collected_and_a_results_notebook_shows_it()
    {
        var manifest = await PlanAsync(Path.Combine(_folder, "manifest.jsonl"));
        await PlanAsync(Path.Combine(_folder, "again.jsonl"));
        Assert.Equal(File.ReadAllBytes(manifest), File.ReadAllBytes(Path.Combine(_folder, "again.jsonl")));
        var store = Path.Combine(_folder, "results");

        var (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "slurm", "-j", "2", "--gpus", "0",
            "--time", "00:15:00", "--partition", "ci", "--sbatch-option=--comment=sweep-test", "--in-process", "--wait"], Env);
        Assert.True(exit == 0, output + Logs(store));
        Assert.Contains("4 task(s): 4 done, 0 failed, 0 pending", output);
        var script = File.ReadAllText(Path.Combine(store, "sweep.sbatch"));
        Assert.Contains("#SBATCH --array=0-3%2\n", script);
        Assert.Contains("#SBATCH --time=00:15:00\n", script);
        Assert.Contains("#SBATCH --partition=ci\n", script);
        Assert.Contains("#SBATCH --comment=sweep-test\n", script);
        Assert.DoesNotContain("--gres", script);

        var sweep = SweepManifest.Load(manifest);
        var records = sweep.Entries.Select(e => new SweepStore(store).Read(e.Id)!).ToList();
        Assert.All(records, r => Assert.Matches(@"^slurm \d+_\d$", r.Scheduler!));
        Assert.Equal(["0", "1", "2", "3"], records.Select(r => r.Scheduler!.Split('_')[1]));

        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "collect", manifest, "--store", store], Env);
        Assert.True(exit == 0, output);
        var table = SweepFixture.ReadCsv(Path.Combine(store, "results.csv"));
        Assert.Equal(4, table.Count);
        Assert.All(table, r => Assert.Equal("succeeded", r["status"]));
        Assert.Equal([("All", "1"), ("All", "2"), ("SdWeighted", "1"), ("SdWeighted", "2")], table.Select(r => (r["Loss"], r["Seed"])));
        // each number is the one the executed notebook printed
        foreach (var row in table)
        {
            var executed = Notebook.Load(Path.Combine(store, "executed", row["id"] + ".ipynb"));
            var printed = string.Concat(executed.Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Select(s => s.Text));
            Assert.Contains($"{row["Loss"]} seed {row["Seed"]}: micro-F1 {row["Report.MicroF1"]}, mAP {row["Report.MeanAveragePrecision"]}", printed);
        }

        // the results notebook, given the store, shows these numbers beside the paper's
        var outDir = Path.Combine(_folder, "report");
        (exit, output) = await SweepFixture.RunnerAsync([SweepFixture.ResultsNotebook, "-p", $"ResultsStore={store}", "--out", outDir, "--in-process"]);
        Assert.True(exit == 0, output);
        var shown = Notebook.Load(Path.Combine(outDir, "notebooks", "sweep-results.ipynb"));
        var stdout = string.Concat(shown.Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Select(s => s.Text));
        Assert.Contains("4 task(s) succeeded (4 run(s)), 0 failed", stdout);
        var expected = ResultTables.SideBySide(
            PaperResults.Table(PaperResults.Load(Path.Combine(RepositoryRoot.Path, "notebooks", PaperResults.RelativePath)), "journal", "II"),
            SweepResults.Load(store), ["MicroF1", "mAP"]);
        Assert.Equal(4, expected.Count);
        foreach (var r in expected)
            Assert.Contains($"ROW|MS-COCO|{r.Metric}|{r.Loss}|{r.Ours.ToString(CultureInfo.InvariantCulture)}|2|{r.Paper.ToString(CultureInfo.InvariantCulture)}", stdout);
        // and the mean is over the two seeds of the table
        var all = table.Where(r => r["Loss"] == "All").Select(r => 100 * double.Parse(r["Report.MicroF1"], CultureInfo.InvariantCulture)).Average();
        Assert.Equal(Math.Round(all, 2), expected.Single(r => r.Loss == "All" && r.Metric == "MicroF1").Ours);

        // and the project's own notebook of that table (journal Table II), given the store, shows them without training
        var tableII = Path.Combine(_folder, "table-II");
        (exit, output) = await SweepFixture.RunnerAsync([Path.Combine(RepositoryRoot.Path, "notebooks", "10-journal-table-II.ipynb"), "-p", $"ResultsStore={store}",
            "--quick", "--out", tableII, "--in-process"]);
        Assert.True(exit == 0, output);
        var text = SweepFixture.OutputText(Path.Combine(tableII, "notebooks", "10-journal-table-II.ipynb"));
        Assert.Contains("4 task(s) succeeded (4 run(s)), 0 failed", text);
        Assert.Contains("MS-COCO: results store", text);
        Assert.DoesNotContain(" seeds) in ", text); // the progress line of runs trained here
        foreach (var r in expected.Where(r => r.Metric == "MicroF1"))
            Assert.Contains(FormattableString.Invariant($"{r.Ours:0.00} ± {r.OursStd:0.00}"), text);
    }

    [Fact]
    public async Task A_task_cancelled_with_scancel_is_recovered_by_resubmitting_only_the_missing_id()
    {
        var manifest = await PlanAsync(Path.Combine(_folder, "manifest.jsonl"), "--param", "SleepSeconds=6");
        var store = Path.Combine(_folder, "results");
        var (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "slurm", "-j", "2", "--gpus", "0", "--in-process"], Env);
        Assert.True(exit == 0, output);
        var job = JobId().Match(output).Groups[1].Value;
        Assert.NotEqual("", job);

        // cancel task 1 while it runs
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (!(SlurmCluster.Queue(job).TryGetValue($"{job}_1", out var state) && state == "R"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"task {job}_1 never ran: {string.Join(", ", SlurmCluster.Queue(job))}{Logs(store)}");
            await Task.Delay(500);
        }

        await Task.Delay(3000);
        var (cancelExit, cancelOutput) = SweepFixture.Tool("scancel", $"{job}_1");
        Assert.True(cancelExit == 0, cancelOutput);
        await SlurmCluster.WaitUntilGoneAsync(job, 300);

        var sweep = SweepManifest.Load(manifest);
        var sweepStore = new SweepStore(store);
        var status = SweepStatus.Of(sweep, sweepStore);
        Assert.Equal([0, 2, 3], status.Done.Select(d => d.Index));
        Assert.Equal([1], status.ToRun);
        // no half-written record: every record file is a whole record, and task 1 has none or a "Cancelled" one
        foreach (var file in Directory.GetFiles(sweepStore.RecordsFolder))
            Assert.NotNull(sweepStore.Read(Path.GetFileNameWithoutExtension(file)));
        var cancelled = sweepStore.Read(sweep.Entries[1].Id);
        Assert.True(cancelled is null || cancelled.Error?.Name == "Cancelled", $"task 1's record: {cancelled}");
        var started = sweep.Entries.Where(e => e.Index != 1).ToDictionary(e => e.Id, e => sweepStore.Read(e.Id)!.Started);

        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "slurm", "-j", "2", "--gpus", "0", "--in-process", "--wait"], Env);
        Assert.True(exit == 0, output + Logs(store));
        Assert.Contains("sbatch script for 1 of 4 task(s) (--array=1%2)", output);
        Assert.Contains("4 task(s): 4 done, 0 failed, 0 pending", output);
        Assert.Contains("#SBATCH --array=1%2\n", File.ReadAllText(Path.Combine(store, "sweep.sbatch")));
        foreach (var (id, when) in started) Assert.Equal(when, sweepStore.Read(id)!.Started); // the done ids did not run again
        Assert.StartsWith($"slurm {JobId().Match(output).Groups[1].Value}_1", sweepStore.Read(sweep.Entries[1].Id)!.Scheduler);
    }

    private static string Logs(string store) =>
        Directory.Exists(Path.Combine(store, "logs"))
            ? string.Concat(Directory.GetFiles(Path.Combine(store, "logs")).Order().Select(f => $"\n--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
            : "";

    [GeneratedRegex(@"submitted job array (\d+)")]
    private static partial Regex JobId();
}

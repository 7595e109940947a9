using MultiLabelContrastive.Reproduction;

namespace MultiLabelContrastive.Sweeps.Tests;

/// <summary>The real runner's `sweep` verbs end to end, with the local backend (K processes here).</summary>
public sealed class LocalBackendTests : IDisposable
{
    private readonly string _folder = SweepFixture.TemporaryFolder("local");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Local_backend_runs_the_missing_tasks_in_parallel_processes_and_collects_them()
    {
        var manifest = Path.Combine(_folder, "manifest.jsonl");
        var store = Path.Combine(_folder, "results");
        var (exit, output) = await SweepFixture.RunnerAsync(["sweep", "plan", SweepFixture.TaskNotebook, "--grid", "Fail=false,true", "--grid", "Seed=1,2", "--param", "Loss=Any", "-o", manifest]);
        Assert.True(exit == 0, output);
        Assert.Contains("4 task(s)", output);

        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "local", "-j", "2", "--in-process"]);
        Assert.True(exit == 1, output); // two tasks fail on purpose
        Assert.Contains("4 task(s): 2 done, 2 failed, 0 pending", output);
        Assert.Contains("fixture failure requested", output);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(store, "logs"), "local-*.log").Length);

        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "collect", manifest, "--store", store, "-o", Path.Combine(_folder, "table.csv")]);
        Assert.True(exit == 0, output);
        var table = SweepFixture.ReadCsv(Path.Combine(_folder, "table.csv"));
        Assert.Equal(["succeeded", "succeeded", "failed", "failed"], table.Select(r => r["status"]));
        Assert.Equal(["1", "2", "1", "2"], table.Select(r => r["Seed"]));
        var runs = SweepResults.Load(store);
        Assert.Equal(runs.Select(r => r.Report.MicroF1.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), table.Take(2).Select(r => r["Report.MicroF1"]));
        Assert.All(table.Skip(2), r => { Assert.StartsWith("InvalidOperationException: ", r["error"]); Assert.Contains("fixture failure requested", r["error"]); });

        // a second submission runs only what is not done: the two failing ids, which fail again
        var before = File.GetLastWriteTimeUtc(Path.Combine(store, "records", table[0]["id"] + ".json"));
        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "local", "-j", "2", "--in-process"]);
        Assert.Contains("running 2 of 4 task(s)", output);
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(store, "records", table[0]["id"] + ".json")));

        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "status", manifest, "--store", store]);
        Assert.True(exit == 0, output);
        Assert.Contains("2 done, 2 failed, 0 pending", output);
    }

    [Fact]
    public async Task Kubernetes_dry_run_writes_the_indexed_job_into_the_store_and_bad_input_is_named()
    {
        var manifest = Path.Combine(_folder, "manifest.jsonl");
        var store = Path.Combine(_folder, "results");
        var (exit, output) = await SweepFixture.RunnerAsync(["sweep", "plan", SweepFixture.TaskNotebook, "--grid", "Seed=1..6", "-o", manifest]);
        Assert.True(exit == 0, output);
        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "kubernetes", "--dry-run", "-j", "3",
            "--image", "ghcr.io/lab/mlc:1", "--claim", "shared", "--mount-path", _folder]);
        Assert.True(exit == 0, output);
        var yaml = File.ReadAllText(Path.Combine(store, "kubernetes-job.yaml"));
        Assert.Contains("completionMode: Indexed", yaml);
        Assert.Contains("completions: 6", yaml);
        Assert.Contains("parallelism: 3", yaml);
        Assert.Contains("$JOB_COMPLETION_INDEX", yaml);

        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "submit", manifest, "--store", store, "--backend", "kubernetes", "--dry-run", "--claim", "shared"]);
        Assert.Equal(2, exit);
        Assert.Contains("--image", output);
        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "plan", SweepFixture.TaskNotebook, "--grid", "Sead=1", "-o", manifest]);
        Assert.Equal(2, exit);
        Assert.Contains("does not declare Sead", output);
        (exit, output) = await SweepFixture.RunnerAsync(["sweep", "run", manifest, "--task", "9"]);
        Assert.Equal(2, exit);
        Assert.Contains("tasks 0–5", output);
    }
}

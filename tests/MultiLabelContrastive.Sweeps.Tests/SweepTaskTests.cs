using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Running;

namespace MultiLabelContrastive.Sweeps.Tests;

public sealed class SweepTaskTests : IDisposable
{
    private readonly string _folder = SweepFixture.TemporaryFolder("task");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SweepManifest Plan(params string[] grid) =>
        SweepManifest.Plan(SweepFixture.TaskNotebook, grid.Select(SweepAxis.Parse).ToList(), new Dictionary<string, string>(), Path.Combine(_folder, "manifest.jsonl"));

    /// <summary>Counts the runs it passes on to the real in-process executor.</summary>
    private sealed class Counting(Func<NotebookRunOptions, INotebookExecutor> inner) : INotebookExecutor
    {
        public int Runs;
        public NotebookRunOptions? Options;

        public INotebookExecutor For(NotebookRunOptions options) { Options = options; return this; }

        public Task<NotebookRunResult> ExecuteFileAsync(string path, INotebookObserver? observer = null, CancellationToken cancellationToken = default)
        {
            Runs++;
            return inner(Options!).ExecuteFileAsync(path, observer, cancellationToken);
        }
    }

    /// <summary>An engine stand-in for the endings a real notebook rarely gives on demand.</summary>
    private sealed class Scripted(Func<string, CancellationToken, Task<NotebookRunResult>> run) : INotebookExecutor
    {
        public Task<NotebookRunResult> ExecuteFileAsync(string path, INotebookObserver? observer = null, CancellationToken cancellationToken = default) => run(path, cancellationToken);
    }

    [Fact]
    public async Task A_task_records_the_notebooks_metrics_atomically_and_a_done_id_is_skipped()
    {
        var manifest = Plan("Loss=SdWeighted", "Seed=3");
        var store = new SweepStore(Path.Combine(_folder, "results"));
        var counting = new Counting(o => new NotebookExecutor(o));
        var log = new StringWriter();
        Assert.Equal(SweepTaskOutcome.Succeeded, await SweepTask.RunAsync(manifest, 0, store, counting.For, log));
        var metricsPath = counting.Options!.Parameters[SweepManifest.MetricsParameter];
        Assert.StartsWith(store.TemporaryFolder, metricsPath, StringComparison.Ordinal);
        Assert.False(File.Exists(metricsPath)); // the scratch file is gone

        var record = store.Read(manifest.Entries[0].Id)!;
        Assert.Equal(SweepRecord.Succeeded, record.Status);
        Assert.Null(record.Error);
        Assert.Equal("cpu", record.Device);
        Assert.Equal(new Dictionary<string, string> { ["Loss"] = "SdWeighted", ["Seed"] = "3" }, record.Parameters);
        Assert.StartsWith("local pid", record.Scheduler);
        Assert.Matches("^[0-9a-f]{40}(-dirty)?$", record.GitCommit!);
        Assert.True(record.WallSeconds > 0);
        var run = record.Metrics!["runs"]!.AsArray().Single()!;
        Assert.Equal("SdWeighted", (string?)run["Loss"]);
        Assert.Equal(3, (int?)run["Seed"]);
        // the value the executed notebook printed is the one recorded
        var executed = Notebook.Load(store.ExecutedPath(record.Id));
        var printed = string.Concat(executed.Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Select(s => s.Text));
        Assert.Contains($"micro-F1 {((double)run["Report"]!["MicroF1"]!).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", printed);
        Assert.Empty(store.LeftoverTemporaryFiles());

        Assert.Equal(SweepTaskOutcome.Skipped, await SweepTask.RunAsync(manifest, 0, store, counting.For, log));
        Assert.Equal(1, counting.Runs);
        Assert.Contains("already done", log.ToString());
    }

    [Fact]
    public async Task A_failing_notebook_leaves_a_failure_record_with_its_error_and_runs_again()
    {
        var manifest = SweepManifest.Plan(SweepFixture.TaskNotebook, [], new Dictionary<string, string> { ["Fail"] = "true" }, Path.Combine(_folder, "m.jsonl"));
        var store = new SweepStore(Path.Combine(_folder, "results"));
        Assert.Equal(SweepTaskOutcome.Failed, await SweepTask.RunAsync(manifest, 0, store, o => new NotebookExecutor(o), TextWriter.Null));
        var record = store.Read(manifest.Entries[0].Id)!;
        Assert.Equal(SweepRecord.Failed, record.Status);
        Assert.Null(record.Metrics);
        Assert.Equal("InvalidOperationException", record.Error!.Name);
        Assert.Contains("fixture failure requested", record.Error.Message);
        Assert.NotNull(record.Error.Cell);
        Assert.False(store.IsDone(record.Id));
        // a failed id is not done: the next attempt runs it (and replaces the record)
        Assert.Equal(SweepTaskOutcome.Failed, await SweepTask.RunAsync(manifest, 0, store, o => new NotebookExecutor(o), TextWriter.Null));
        Assert.True(store.Read(record.Id)!.Started > record.Started);
    }

    [Fact]
    public async Task A_notebook_that_writes_no_metrics_or_bad_metrics_fails_saying_so()
    {
        var manifest = Plan("Seed=1,2");
        var store = new SweepStore(Path.Combine(_folder, "results"));
        NotebookRunResult Ok(string path) => new("sweep-task", path, null, NotebookStatus.Succeeded, TimeSpan.FromSeconds(1), null, null, [], 3, 3);
        Assert.Equal(SweepTaskOutcome.Failed, await SweepTask.RunAsync(manifest, 0, store, _ => new Scripted((p, _) => Task.FromResult(Ok(p))), TextWriter.Null));
        Assert.Equal("NoMetrics", store.Read(manifest.Entries[0].Id)!.Error!.Name);
        Assert.Contains("MetricsOut", store.Read(manifest.Entries[0].Id)!.Error!.Message);

        Assert.Equal(SweepTaskOutcome.Failed, await SweepTask.RunAsync(manifest, 1, store, o => new Scripted((p, _) =>
        {
            File.WriteAllText(o.Parameters[SweepManifest.MetricsParameter], "{\"runs\": [");
            return Task.FromResult(Ok(p));
        }), TextWriter.Null));
        Assert.Equal("BadMetrics", store.Read(manifest.Entries[1].Id)!.Error!.Name);
    }

    [Fact]
    public async Task A_cancelled_task_writes_a_cancelled_failure_record_not_a_partial_one()
    {
        var manifest = Plan("Seed=1");
        var store = new SweepStore(Path.Combine(_folder, "results"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var outcome = await SweepTask.RunAsync(manifest, 0, store, o => new Scripted(async (p, token) =>
        {
            File.WriteAllText(o.Parameters[SweepManifest.MetricsParameter], "{\"runs\": [{\"half\":"); // killed while writing
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        }), TextWriter.Null, cancel.Token);
        Assert.Equal(SweepTaskOutcome.Failed, outcome);
        var record = store.Read(manifest.Entries[0].Id)!;
        Assert.Equal("Cancelled", record.Error!.Name);
        Assert.Null(record.Metrics);
        Assert.Empty(store.LeftoverTemporaryFiles());
    }

    [Fact]
    public void A_task_index_outside_the_manifest_is_refused_with_the_range()
    {
        var manifest = Plan("Seed=1,2");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => manifest.Entry(2));
        Assert.Contains("tasks 0–1", e.Message);
    }

    [Fact]
    public async Task Atomic_writes_leave_the_old_content_or_the_new_and_no_temporary_file()
    {
        var path = Path.Combine(_folder, "records", "x.json");
        AtomicFile.WriteAllText(path, "old");
        var writer = Task.Run(() => { for (var i = 0; i < 200; i++) AtomicFile.WriteAllText(path, i % 2 == 0 ? new string('a', 100_000) : "old"); });
        while (!writer.IsCompleted)
        {
            var text = File.ReadAllText(path);
            Assert.True(text == "old" || text.Length == 100_000, $"a reader saw {text.Length} characters");
        }

        await writer;
        Assert.Equal(["x.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }
}

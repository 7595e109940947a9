using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Running;

namespace MultiLabelContrastive.Sweeps;

/// <summary>How a sweep task ended.</summary>
public enum SweepTaskOutcome
{
    /// <summary>The id already had a succeeded record; nothing ran.</summary>
    Skipped,

    /// <summary>The notebook ran and its metrics were recorded.</summary>
    Succeeded,

    /// <summary>A failure record was written.</summary>
    Failed,
}

/// <summary>
/// What one array task executes (<c>sweep run --task i</c>): manifest line i through the notebook executor, into one
/// atomic record of the results store.
/// </summary>
/// <remarks>
/// The metrics protocol: the task sets the notebook parameter <see cref="SweepManifest.MetricsParameter"/> to the path
/// of a JSON file in the store's <c>tmp/</c>; the notebook writes one JSON object there (for the results notebooks,
/// <c>SweepMetrics.Write</c> of MultiLabelContrastive.Reproduction: <c>{"device":…,"runs":[…]}</c>). After a successful
/// run the object becomes the record's <see cref="SweepRecord.Metrics"/>. A notebook that fails, is cancelled, or
/// succeeds without writing a valid JSON object gets a failure record saying so. A task killed outright (SIGKILL)
/// writes nothing: the id stays pending, and only files under <c>tmp/</c> or hidden <c>.*.tmp</c> files remain.
/// </remarks>
public static class SweepTask
{
    /// <summary>Runs manifest line <paramref name="index"/> unless its id is already done.</summary>
    /// <param name="manifest">The sweep.</param>
    /// <param name="index">The task index (manifest line).</param>
    /// <param name="store">The results store.</param>
    /// <param name="executor">Makes the executor for the run's options (parameters include <see cref="SweepManifest.MetricsParameter"/>).</param>
    /// <param name="log">Receives a few lines of progress.</param>
    /// <param name="cancellationToken">Cancels the run (SIGTERM from scancel or preemption); a failure record is still written.</param>
    public static async Task<SweepTaskOutcome> RunAsync(SweepManifest manifest, int index, SweepStore store,
        Func<NotebookRunOptions, INotebookExecutor> executor, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(log);
        var entry = manifest.Entry(index);
        if (store.IsDone(entry.Id))
        {
            log.WriteLine($"task {index} ({entry.Id}): already done, skipped");
            return SweepTaskOutcome.Skipped;
        }

        Directory.CreateDirectory(store.TemporaryFolder);
        var metricsPath = Path.Combine(store.TemporaryFolder, $"{entry.Id}.{Environment.ProcessId}.{Guid.NewGuid():N}.metrics.json");
        var parameters = new Dictionary<string, string>(entry.Parameters, StringComparer.Ordinal) { [SweepManifest.MetricsParameter] = metricsPath };
        var notebook = manifest.NotebookPath(entry);
        log.WriteLine($"task {index} ({entry.Id}): {entry.Notebook} with {entry.Describe()}");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            NotebookRunResult result;
            try
            {
                result = await executor(new NotebookRunOptions { Parameters = parameters }).ExecuteFileAsync(notebook, null, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                result = new NotebookRunResult(Path.GetFileNameWithoutExtension(notebook), notebook, null, NotebookStatus.Failed, clock.Elapsed, null, null, [], 0, 0);
            }

            if (result.Executed is { } executed) AtomicFile.WriteAllText(store.ExecutedPath(entry.Id), executed.ToJson());
            JsonObject? metrics = null;
            SweepError? error;
            if (cancellationToken.IsCancellationRequested)
                error = new SweepError("Cancelled", "the task was cancelled (SIGTERM or SIGINT: scancel, preemption, the time limit or Ctrl+C)", result.FailedCellNumber);
            else if (!result.Succeeded)
                error = new SweepError(result.Error?.EName ?? "Failed", result.Error?.EValue ?? "the notebook did not run to the end", result.FailedCellNumber);
            else
                error = ReadMetrics(metricsPath, out metrics);

            var record = new SweepRecord
            {
                Id = entry.Id,
                Index = entry.Index,
                Notebook = entry.Notebook,
                Parameters = entry.Parameters,
                Status = error is null ? SweepRecord.Succeeded : SweepRecord.Failed,
                Error = error,
                Metrics = metrics,
                WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                Started = started,
                Finished = DateTimeOffset.UtcNow,
                Host = Environment.MachineName,
                Device = metrics?["device"] is JsonValue device && device.TryGetValue<string>(out var d) ? d : null,
                Scheduler = SchedulerName(),
                GitCommit = GitCommit(Path.GetDirectoryName(notebook)!),
            };
            store.Write(record);
            log.WriteLine(error is null
                ? $"task {index} ({entry.Id}): succeeded in {record.WallSeconds:0.0} s → {store.RecordPath(entry.Id)}"
                : $"task {index} ({entry.Id}): failed{(error.Cell is { } c ? $" at cell {c}" : "")}: {error.Name}: {error.Message}");
            return error is null ? SweepTaskOutcome.Succeeded : SweepTaskOutcome.Failed;
        }
        finally
        {
            File.Delete(metricsPath);
        }
    }

    private static SweepError? ReadMetrics(string path, out JsonObject? metrics)
    {
        metrics = null;
        if (!File.Exists(path))
            return new SweepError("NoMetrics", $"the notebook ran to the end but wrote no metrics: it must write a JSON object to the path in its {SweepManifest.MetricsParameter} parameter (SweepMetrics.Write in MultiLabelContrastive.Reproduction)", null);
        try
        {
            metrics = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions()) as JsonObject;
            return metrics is null ? new SweepError("BadMetrics", "the metrics file is not a JSON object", null) : null;
        }
        catch (JsonException e)
        {
            return new SweepError("BadMetrics", $"the metrics file is not valid JSON: {e.Message}", null);
        }
    }

    /// <summary>The scheduler's name for this process: Slurm array task, Kubernetes index, or local pid.</summary>
    internal static string SchedulerName()
    {
        string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        if (Env("SLURM_ARRAY_JOB_ID") is { } array) return $"slurm {array}_{Env("SLURM_ARRAY_TASK_ID")}";
        if (Env("SLURM_JOB_ID") is { } job) return $"slurm {job}";
        if (Env("JOB_COMPLETION_INDEX") is { } k8s) return $"kubernetes {Env("HOSTNAME") ?? "pod"} index {k8s}";
        return $"local pid {Environment.ProcessId}";
    }

    /// <summary>HEAD of the git repository holding <paramref name="folder"/> (<c>-dirty</c> appended when the work tree
    /// differs), or null when git or a repository is not available.</summary>
    internal static string? GitCommit(string folder)
    {
        var head = Git(folder, "rev-parse", "HEAD");
        if (head is null) return null;
        var changes = Git(folder, "status", "--porcelain", "--untracked-files=no");
        return changes is { Length: > 0 } ? head + "-dirty" : head;
    }

    private static string? Git(string folder, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var git = Process.Start(start);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(10_000)) { git.Kill(true); return null; }
            return git.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

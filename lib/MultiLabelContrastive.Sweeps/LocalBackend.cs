using System.Diagnostics;
using System.Globalization;

namespace MultiLabelContrastive.Sweeps;

/// <summary>
/// <c>sweep submit --backend local</c>: the tasks still to run, here, in K parallel processes, each the same command a
/// cluster task runs (<c>sweep run --task i</c>), its output in <c>logs/local-&lt;i&gt;.log</c> of the store.
/// </summary>
public static class LocalBackend
{
    /// <summary>Runs the tasks; returns the indices whose process exited non-zero (failure records), ascending.</summary>
    /// <param name="indices">Task indices to run.</param>
    /// <param name="maxParallel">K ≥ 1.</param>
    /// <param name="taskCommand">The command of a task without its index.</param>
    /// <param name="logsFolder">Where each task's output goes.</param>
    /// <param name="log">One line per finished task.</param>
    /// <param name="cancellationToken">Stops the running tasks (their processes are killed: their ids stay pending).</param>
    public static async Task<IReadOnlyList<int>> RunAsync(IReadOnlyList<int> indices, int maxParallel, IReadOnlyList<string> taskCommand,
        string logsFolder, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(taskCommand);
        ArgumentNullException.ThrowIfNull(log);
        if (maxParallel < 1) throw new ArgumentException($"The number of parallel processes must be ≥ 1, got {maxParallel}.", nameof(maxParallel));
        if (taskCommand.Count == 0) throw new ArgumentException("The task command is empty.", nameof(taskCommand));
        Directory.CreateDirectory(logsFolder);
        using var slots = new SemaphoreSlim(maxParallel);
        var failed = new List<int>();
        var gate = new Lock();
        await Task.WhenAll(indices.Select(async index =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var exit = await RunOneAsync(index, taskCommand, Path.Combine(logsFolder, $"local-{index}.log"), cancellationToken).ConfigureAwait(false);
                lock (gate)
                {
                    if (exit != 0) failed.Add(index);
                    log.WriteLine($"task {index}: {(exit == 0 ? "ok" : $"exit code {exit}")}");
                }
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        return failed.Order().ToList();
    }

    private static async Task<int> RunOneAsync(int index, IReadOnlyList<string> taskCommand, string logPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(taskCommand[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in taskCommand.Skip(1)) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--task");
        start.ArgumentList.Add(index.ToString(CultureInfo.InvariantCulture));
        start.Environment["OMP_NUM_THREADS"] = Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "1";
        await using var output = new StreamWriter(logPath) { AutoFlush = true };
        using var process = new Process { StartInfo = start };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit(); // drains the output events
        return process.ExitCode;
    }
}

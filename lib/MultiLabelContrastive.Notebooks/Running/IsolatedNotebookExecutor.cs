using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>
/// Executes each notebook in a child process (a host program in <see cref="NotebookWorker"/> mode), so that a native
/// crash (libtorch aborts the process on some errors), a cell stuck in native code or leaked memory ends only that
/// notebook. The notebook's outputs up to the crashing cell are kept, and that cell gets an error output naming the exit
/// code and the last lines the process wrote to standard error (where libtorch puts its message).
/// </summary>
public sealed class IsolatedNotebookExecutor : INotebookExecutor
{
    private const int StderrHeadLines = 12;

    private const int StderrTailLines = 20;

    private readonly IReadOnlyList<string> _workerCommand;
    private readonly NotebookRunOptions _options;
    private readonly TimeSpan _watchdogGrace;

    /// <summary>Creates the executor.</summary>
    /// <param name="workerCommand">The program and leading arguments that start the host, e.g. <c>["dotnet", "Runner.dll"]</c>;
    /// the worker arguments (<see cref="NotebookWorker.Arguments"/>) are appended.</param>
    /// <param name="options">Parameters and cell timeout.</param>
    /// <param name="watchdogGrace">With a cell timeout, the child is killed when a cell has run this much longer than the
    /// timeout (it is stuck where the engine cannot stop it). Default 30 s.</param>
    /// <exception cref="ArgumentException"><paramref name="workerCommand"/> is empty.</exception>
    public IsolatedNotebookExecutor(IReadOnlyList<string> workerCommand, NotebookRunOptions? options = null, TimeSpan? watchdogGrace = null)
    {
        ArgumentNullException.ThrowIfNull(workerCommand);
        if (workerCommand.Count == 0)
        {
            throw new ArgumentException("The worker command needs at least the program to start.", nameof(workerCommand));
        }

        _workerCommand = workerCommand;
        _options = options ?? new NotebookRunOptions();
        _watchdogGrace = watchdogGrace ?? TimeSpan.FromSeconds(30);
    }

    /// <inheritdoc />
    public async Task<NotebookRunResult> ExecuteFileAsync(string path, INotebookObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var name = Path.GetFileNameWithoutExtension(fullPath);
        var work = Directory.CreateTempSubdirectory("mlc-worker-").FullName;
        var checkpoint = Path.Combine(work, "checkpoint.ipynb");
        var resultPath = Path.Combine(work, "result.json");
        var clock = Stopwatch.StartNew();
        try
        {
            var start = new ProcessStartInfo(_workerCommand[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(fullPath)!,
            };
            foreach (var arg in _workerCommand.Skip(1).Concat(NotebookWorker.Arguments(fullPath, checkpoint, resultPath, _options)))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_workerCommand[0]}.");
            var stderrHead = new List<string>();
            var stderr = new Queue<string>();
            var stderrTruncated = false;
            var lastCellStart = DateTimeOffset.UtcNow;
            var cellRunning = false;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (stderr)
                {
                    // The first lines name the error (libtorch: "what(): …"), the last ones the end of the trace.
                    if (stderrHead.Count < StderrHeadLines)
                    {
                        stderrHead.Add(e.Data);
                        return;
                    }

                    stderr.Enqueue(e.Data);
                    while (stderr.Count > StderrTailLines)
                    {
                        stderr.Dequeue();
                        stderrTruncated = true;
                    }
                }
            };
            process.BeginErrorReadLine();

            var reader = Task.Run(
                async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
                    {
                        if (!line.StartsWith(NotebookWorker.EventPrefix, StringComparison.Ordinal))
                        {
                            continue; // the worker's own console output outside cells: not part of the notebook
                        }

                        var json = JsonNode.Parse(line[NotebookWorker.EventPrefix.Length..])!;
                        switch (json["event"]!.GetValue<string>())
                        {
                            case "notebook-starting":
                                observer?.NotebookStarting(name, json["code_cells"]!.GetValue<int>());
                                break;
                            case "cell-starting":
                                lastCellStart = DateTimeOffset.UtcNow;
                                cellRunning = true;
                                observer?.CellStarting(name, json["cell"]!.GetValue<int>(), json["index"]!.GetValue<int>(), json["code_cells"]!.GetValue<int>());
                                break;
                            case "cell-finished":
                                cellRunning = false;
                                observer?.CellFinished(name, json["cell"]!.GetValue<int>(), CellResult(json));
                                break;
                        }
                    }
                },
                CancellationToken.None);

            var killedBecause = await WaitAsync(process, () => cellRunning ? lastCellStart : null, cancellationToken).ConfigureAwait(false);
            await reader.ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);

            NotebookRunResult result;
            if (killedBecause is null && process.ExitCode == 0 && File.Exists(resultPath))
            {
                result = Completed(name, fullPath, checkpoint, resultPath);
            }
            else
            {
                string[] lastErrors;
                lock (stderr)
                {
                    lastErrors = [.. stderrHead, .. stderrTruncated ? new[] { "…" } : [], .. stderr];
                }

                result = Crashed(name, fullPath, checkpoint, process.ExitCode, killedBecause, lastErrors, clock.Elapsed, observer);
            }

            observer?.NotebookFinished(result);
            return result;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temp folder is harmless
            }
        }
    }

    /// <summary>Waits for the child; kills it on cancellation or when a cell overruns timeout + grace. Returns why it was killed, or null.</summary>
    private async Task<string?> WaitAsync(Process process, Func<DateTimeOffset?> runningSince, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var tick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await process.WaitForExitAsync(tick.Token).ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException)
            {
                // a tick: check cancellation and the watchdog
            }

            string? reason = null;
            if (cancellationToken.IsCancellationRequested)
            {
                reason = "the run was cancelled";
            }
            else if (_options.CellTimeout is { } timeout && runningSince() is { } since
                     && DateTimeOffset.UtcNow - since > timeout + _watchdogGrace)
            {
                reason = $"a cell ran {timeout.TotalSeconds:0.#} s + {_watchdogGrace.TotalSeconds:0} s past its start without stopping (stuck outside code the engine can interrupt)";
            }

            if (reason is not null)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return reason;
            }
        }
    }

    private static CellExecutionResult CellResult(JsonNode json)
    {
        var error = NotebookWorker.ReadError(json["error"]);
        return new CellExecutionResult(
            Enum.Parse<CellStatus>(json["status"]!.GetValue<string>()),
            json["execution_count"]!.GetValue<int>(),
            error is null ? [] : [error],
            DateTimeOffset.Parse(json["started"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(json["duration"]!.GetValue<double>()));
    }

    private static NotebookRunResult Completed(string name, string path, string checkpoint, string resultPath)
    {
        var json = JsonNode.Parse(File.ReadAllText(resultPath))!;
        return new NotebookRunResult(
            name,
            path,
            File.Exists(checkpoint) ? Notebook.Load(checkpoint) : null,
            Enum.Parse<NotebookStatus>(json["status"]!.GetValue<string>()),
            TimeSpan.FromSeconds(json["duration"]!.GetValue<double>()),
            json["failed_cell"]?.GetValue<int>(),
            NotebookWorker.ReadError(json["error"]),
            json["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList(),
            json["cells_executed"]!.GetValue<int>(),
            json["code_cells"]!.GetValue<int>());
    }

    private static NotebookRunResult Crashed(
        string name, string path, string checkpoint, int exitCode, string? killedBecause, string[] stderr, TimeSpan duration, INotebookObserver? observer)
    {
        var how = killedBecause is not null
            ? $"was stopped: {killedBecause}"
            : $"ended abnormally with exit code {exitCode}{Signal(exitCode)}";
        var notebook = File.Exists(checkpoint) ? TryLoad(checkpoint) : null;
        var running = notebook?.Cells.FindIndex(c => c.Kind == CellKind.Code && c.Metadata["executor"]?["status"]?.GetValue<string>() == "running") ?? -1;
        var where = running >= 0 ? $"cell {running + 1}" : "the notebook";
        var traceback = new List<string> { $"The process executing {where} {how}." };
        if (stderr.Length > 0)
        {
            traceback.Add("Its standard error (first and last lines):");
            traceback.AddRange(stderr.Select(l => "    " + l));
        }

        var error = new ErrorOutput(killedBecause is null ? "ProcessCrashed" : "ProcessKilled", $"{where}: the process {how}", traceback);
        if (notebook is not null && running >= 0)
        {
            var cell = notebook.Cells[running];
            cell.Outputs.Add(error);
            cell.Metadata["executor"] = new JsonObject { ["status"] = killedBecause is null ? "crashed" : "killed" };
            foreach (var later in notebook.Cells.Skip(running + 1).Where(c => c.Kind == CellKind.Code))
            {
                later.Metadata["executor"] = new JsonObject { ["status"] = "skipped" };
            }

            observer?.CellFinished(name, running + 1, new CellExecutionResult(CellStatus.Failed, cell.ExecutionCount ?? 0, [error], DateTimeOffset.UtcNow, TimeSpan.Zero));
        }

        if (notebook is not null)
        {
            notebook.Metadata["executor"] = new JsonObject { ["status"] = "failed", ["failed_cell"] = running >= 0 ? running + 1 : null, ["error"] = error.EValue };
        }

        var codeCells = notebook?.Cells.Count(c => c.Kind == CellKind.Code) ?? 0;
        var executed = notebook?.Cells.Count(c => c.Kind == CellKind.Code && c.Metadata["executor"]?["status"]?.GetValue<string>() is { } s && s != "skipped") ?? 0;
        return new NotebookRunResult(name, path, notebook, NotebookStatus.Failed, duration, running >= 0 ? running + 1 : null, error, [], executed, codeCells);
    }

    private static Notebook? TryLoad(string checkpoint)
    {
        try
        {
            return Notebook.Load(checkpoint);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException)
        {
            return null; // the crash interrupted the checkpoint's writing
        }
    }

    private static string Signal(int exitCode) => exitCode switch
    {
        134 => " (SIGABRT: aborted, e.g. by an error inside libtorch)",
        137 => " (SIGKILL: killed, e.g. out of memory)",
        139 => " (SIGSEGV: segmentation fault in native code)",
        _ => "",
    };
}

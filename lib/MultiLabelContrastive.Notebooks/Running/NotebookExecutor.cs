using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Model;
using MultiLabelContrastive.Notebooks.Parameters;

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>
/// Executes a notebook headless, papermill style: a fresh <see cref="ScriptSession"/> per notebook, code cells in order,
/// markdown and raw cells passed through, outputs and execution counts written into a copy of the notebook, cell timing
/// in <c>metadata.execution</c> (Jupyter's keys) and <c>metadata.executor</c> (duration in seconds, status). A failing
/// cell stops the notebook; the cells after it keep no outputs and are marked <c>skipped</c>.
/// </summary>
/// <remarks>
/// Parameters: the first code cell tagged <c>parameters</c> holds the defaults; overrides are assigned in a cell tagged
/// <c>injected-parameters</c> inserted right after it, each value typed by the type of the default. A name the
/// parameters cell does not declare is a warning; a value of the wrong type fails the notebook at the injected cell.
/// </remarks>
public sealed class NotebookExecutor : INotebookExecutor
{
    private static readonly SemaphoreSlim CurrentDirectoryLock = new(1, 1);

    private readonly NotebookRunOptions _options;

    /// <summary>Creates an executor.</summary>
    /// <param name="options">Parameters, cell timeout, formatter; defaults when null.</param>
    public NotebookExecutor(NotebookRunOptions? options = null) => _options = options ?? new NotebookRunOptions();

    /// <summary>Reads and executes a notebook file.</summary>
    /// <param name="path">The <c>.ipynb</c> file.</param>
    /// <param name="observer">Progress receiver, or null.</param>
    /// <param name="cancellationToken">Stops the running cell (as an interrupt) and the run.</param>
    /// <returns>The result; a file that cannot be read gives a <see cref="NotebookStatus.Failed"/> result, not an exception.</returns>
    public async Task<NotebookRunResult> ExecuteFileAsync(string path, INotebookObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileNameWithoutExtension(path);
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            var error = new ErrorOutput(e.GetType().Name, e.Message, [e.Message]);
            var failed = new NotebookRunResult(name, path, null, NotebookStatus.Failed, TimeSpan.Zero, null, error, [], 0, 0);
            observer?.NotebookFinished(failed);
            return failed;
        }

        return await ExecuteAsync(notebook, path, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Executes a notebook held in memory; the notebook itself is not modified.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="path">Its file path: relative <c>#r</c>/<c>#load</c> resolve against its folder, and it names the notebook.</param>
    /// <param name="observer">Progress receiver, or null.</param>
    /// <param name="cancellationToken">Stops the running cell (as an interrupt) and the run.</param>
    /// <returns>The executed copy, status, timing, the failing cell and its error.</returns>
    public async Task<NotebookRunResult> ExecuteAsync(
        Notebook notebook, string path, INotebookObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        var changeDirectory = _options.UseNotebookFolderAsCurrentDirectory;
        if (changeDirectory)
        {
            await CurrentDirectoryLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            if (changeDirectory)
            {
                Directory.SetCurrentDirectory(folder);
            }

            return await RunAsync(notebook, fullPath, folder, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (changeDirectory)
            {
                Directory.SetCurrentDirectory(previousDirectory);
                CurrentDirectoryLock.Release();
            }
        }
    }

    private async Task<NotebookRunResult> RunAsync(
        Notebook source, string path, string folder, INotebookObserver? observer, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var notebook = Prepare(source);
        var warnings = new List<string>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var parametersCell = notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Code && c.HasTag(ParameterCell.Tag));
        var pending = new Dictionary<string, string>(_options.Parameters, StringComparer.Ordinal);
        if (parametersCell is null && pending.Count > 0)
        {
            warnings.Add($"no cell is tagged '{ParameterCell.Tag}'; ignored: {string.Join(", ", pending.Select(p => $"{p.Key}={p.Value}"))}");
            pending.Clear();
        }

        var codeCells = notebook.Cells.Count(c => c.Kind == CellKind.Code) + (pending.Count > 0 ? 1 : 0);
        observer?.NotebookStarting(name, codeCells);

        using var session = new ScriptSession(new ScriptSessionOptions
        {
            BaseDirectory = folder,
            SourceName = Path.GetFileName(path),
            Formatter = _options.Formatter,
        });

        int? failedCell = null;
        ErrorOutput? error = null;
        var executed = 0;
        IReadOnlyList<string>? injectionProblems = null;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code)
            {
                continue;
            }

            if (failedCell is not null || cancellationToken.IsCancellationRequested)
            {
                SetCellMetadata(cell, "skipped", null);
                continue;
            }

            var cellNumber = i + 1;
            executed++;
            if (_options.CheckpointPath is { } checkpoint)
            {
                SetCellMetadata(cell, "running", null);
                notebook.Save(checkpoint);
            }

            observer?.CellStarting(name, cellNumber, executed, codeCells);
            var result = injectionProblems is not null && cell.HasTag(ParameterCell.InjectedTag)
                ? InjectionFailure(injectionProblems, session.ExecutionCount)
                : await session.ExecuteAsync(cell.Source, $"cell {cellNumber}", _options.CellTimeout, null, cancellationToken).ConfigureAwait(false);
            cell.ExecutionCount = result.ExecutionCount;
            cell.Outputs.AddRange(result.Outputs);
            SetCellMetadata(cell, StatusText(result.Status), result);
            observer?.CellFinished(name, cellNumber, result);

            if (!result.Succeeded)
            {
                failedCell = cellNumber;
                error = result.Error;
                continue;
            }

            if (cell == parametersCell && pending.Count > 0)
            {
                notebook.Cells.Insert(i + 1, InjectedCell(cell.Source, pending, session, warnings, out injectionProblems));
                pending.Clear();
            }
        }

        if (failedCell is null && cancellationToken.IsCancellationRequested)
        {
            error = new ErrorOutput("Cancelled", "the run was cancelled", ["the run was cancelled"]);
        }

        var status = failedCell is null && error is null ? NotebookStatus.Succeeded : NotebookStatus.Failed;
        notebook.Metadata["executor"] = new JsonObject
        {
            ["engine"] = $"MultiLabelContrastive.Notebooks {typeof(NotebookExecutor).Assembly.GetName().Version}",
            ["start_time"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["duration"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["status"] = status == NotebookStatus.Succeeded ? "succeeded" : "failed",
            ["failed_cell"] = failedCell,
            ["parameters"] = new JsonObject(_options.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        };

        var runResult = new NotebookRunResult(
            name, path, notebook, status, clock.Elapsed, failedCell, error, warnings, executed,
            notebook.Cells.Count(c => c.Kind == CellKind.Code));
        observer?.NotebookFinished(runResult);
        return runResult;
    }

    /// <summary>A copy without earlier results: injected-parameter cells removed, outputs and counts cleared, ids unique.</summary>
    private static Notebook Prepare(Notebook source)
    {
        var notebook = source.Clone();
        notebook.Cells.RemoveAll(c => c.Kind == CellKind.Code && c.HasTag(ParameterCell.InjectedTag));
        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Code))
        {
            cell.ClearOutputs();
            cell.Metadata.Remove("execution");
            cell.Metadata.Remove("executor");
        }

        notebook.Metadata.Remove("executor");
        if (notebook.Metadata["language_info"] is null)
        {
            notebook.Metadata["language_info"] = new JsonObject
            {
                ["name"] = "C#",
                ["file_extension"] = ".cs",
                ["mimetype"] = "text/x-csharp",
                ["pygments_lexer"] = "csharp",
            };
        }

        return notebook;
    }

    private static NotebookCell InjectedCell(
        string parametersSource,
        Dictionary<string, string> overrides,
        ScriptSession session,
        List<string> warnings,
        out IReadOnlyList<string>? problemsFound)
    {
        var declared = ParameterCell.DeclaredNames(parametersSource);
        var variables = session.Variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var code = new StringBuilder("// Parameters injected by the executor (--param / --quick)\n");
        var problems = new List<string>();
        foreach (var (name, value) in overrides)
        {
            if (!declared.Contains(name, StringComparer.Ordinal) || !variables.TryGetValue(name, out var variable))
            {
                warnings.Add($"parameter {name}={value} ignored: the parameters cell does not declare {name}");
                code.Append("// ").Append(name).Append(" is not declared by the parameters cell; ignored\n");
                continue;
            }

            try
            {
                code.Append(ParameterCell.Assignment(name, value, variable.Type)).Append('\n');
            }
            catch (FormatException e)
            {
                problems.Add($"--param {name}={value}: {e.Message} The default of {name} in the parameters cell is of type {ParameterCell.TypeName(variable.Type)}.");
            }
        }

        var cell = new NotebookCell(CellKind.Code, code.ToString().TrimEnd('\n'));
        cell.AddTag(ParameterCell.InjectedTag);
        problemsFound = problems.Count > 0 ? problems : null;
        return cell;
    }

    private static CellExecutionResult InjectionFailure(IReadOnlyList<string> problems, int executionCount)
    {
        var error = new ErrorOutput("ParameterError", problems[0], problems);
        return new CellExecutionResult(CellStatus.Failed, executionCount + 1, [error], DateTimeOffset.UtcNow, TimeSpan.Zero);
    }

    private static void SetCellMetadata(NotebookCell cell, string status, CellExecutionResult? result)
    {
        var executor = new JsonObject { ["status"] = status };
        if (result is not null)
        {
            executor["duration"] = Math.Round(result.Duration.TotalSeconds, 3);
            cell.Metadata["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = result.Started.ToString("O", CultureInfo.InvariantCulture),
                ["shell.execute_reply"] = (result.Started + result.Duration).ToString("O", CultureInfo.InvariantCulture),
            };
        }

        cell.Metadata["executor"] = executor;
    }

    private static string StatusText(CellStatus status) => status switch
    {
        CellStatus.Completed => "completed",
        CellStatus.Failed => "failed",
        CellStatus.TimedOut => "timed-out",
        _ => "interrupted",
    };
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>
/// The child-process side of <see cref="IsolatedNotebookExecutor"/>: executes one notebook in this process, saves the
/// executed notebook as it goes (checkpoint), writes progress events as lines on standard output and the result as
/// JSON. A host program (the console runner) calls <see cref="MainAsync"/> when started with the worker arguments.
/// </summary>
public static class NotebookWorker
{
    /// <summary>The first argument that selects worker mode.</summary>
    public const string Command = "notebook-worker";

    internal const string EventPrefix = "##mlc-event ";

    /// <summary>The worker's arguments (after <see cref="Command"/>) for one notebook.</summary>
    /// <param name="notebook">Notebook to execute.</param>
    /// <param name="checkpoint">Where the executed notebook is saved (before each cell and at the end).</param>
    /// <param name="result">Where the result JSON is written at the end.</param>
    /// <param name="options">Parameters and cell timeout (other options are not passed on).</param>
    public static IReadOnlyList<string> Arguments(string notebook, string checkpoint, string result, NotebookRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { Command, notebook, checkpoint, result };
        if (options.CellTimeout is { } timeout)
        {
            args.Add("--cell-timeout");
            args.Add(timeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in options.Parameters)
        {
            args.Add("--param");
            args.Add($"{name}={value}");
        }

        return args;
    }

    /// <summary>Runs the worker: <c>notebook-worker NOTEBOOK CHECKPOINT RESULT [--cell-timeout S] [--param N=V]…</c>.</summary>
    /// <param name="args">The arguments, <see cref="Command"/> first.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 when the notebook ran (whatever its status), 2 for bad arguments.</returns>
    public static Task<int> MainAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default) =>
        RunWorkerAsync(args, Console.Out, cancellationToken);

    internal static async Task<int> RunWorkerAsync(IReadOnlyList<string> args, TextWriter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 4 || args[0] != Command)
        {
            await Console.Error.WriteLineAsync($"usage: {Command} NOTEBOOK CHECKPOINT RESULT [--cell-timeout SECONDS] [--param Name=Value]...").ConfigureAwait(false);
            return 2;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        TimeSpan? timeout = null;
        for (var i = 4; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--cell-timeout":
                    timeout = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture));
                    break;
                case "--param":
                    var equals = args[i + 1].IndexOf('=', StringComparison.Ordinal);
                    parameters[args[i + 1][..equals]] = args[i + 1][(equals + 1)..];
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown worker option {args[i]}").ConfigureAwait(false);
                    return 2;
            }
        }

        var (notebook, checkpoint, resultPath) = (args[1], args[2], args[3]);
        var options = new NotebookRunOptions { Parameters = parameters, CellTimeout = timeout, CheckpointPath = checkpoint };
        var result = await new NotebookExecutor(options).ExecuteFileAsync(notebook, new EventWriter(events), cancellationToken).ConfigureAwait(false);
        result.Executed?.Save(checkpoint);
        await File.WriteAllTextAsync(resultPath, ResultJson(result).ToJsonString(), cancellationToken).ConfigureAwait(false);
        await events.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    internal static JsonObject ResultJson(NotebookRunResult result) => new()
    {
        ["name"] = result.Name,
        ["status"] = result.Status.ToString(),
        ["duration"] = result.Duration.TotalSeconds,
        ["failed_cell"] = result.FailedCellNumber,
        ["error"] = ErrorJson(result.Error),
        ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        ["cells_executed"] = result.CellsExecuted,
        ["code_cells"] = result.CodeCells,
    };

    internal static JsonObject? ErrorJson(ErrorOutput? error) => error?.WriteFields();

    internal static ErrorOutput? ReadError(JsonNode? json) => json is null
        ? null
        : new ErrorOutput(
            json["ename"]!.GetValue<string>(),
            json["evalue"]!.GetValue<string>(),
            json["traceback"]!.AsArray().Select(l => l!.GetValue<string>()).ToList());

    /// <summary>Writes observer calls as event lines on standard output (the console capture leaves the worker's own
    /// writes outside cells on the real standard output).</summary>
    private sealed class EventWriter(TextWriter output) : INotebookObserver
    {
        public void NotebookStarting(string name, int codeCells) =>
            Write(new JsonObject { ["event"] = "notebook-starting", ["code_cells"] = codeCells });

        public void CellStarting(string name, int cellNumber, int codeCellIndex, int codeCells) =>
            Write(new JsonObject { ["event"] = "cell-starting", ["cell"] = cellNumber, ["index"] = codeCellIndex, ["code_cells"] = codeCells });

        public void CellFinished(string name, int cellNumber, CellExecutionResult result) =>
            Write(new JsonObject
            {
                ["event"] = "cell-finished",
                ["cell"] = cellNumber,
                ["status"] = result.Status.ToString(),
                ["execution_count"] = result.ExecutionCount,
                ["started"] = result.Started.ToString("O", CultureInfo.InvariantCulture),
                ["duration"] = result.Duration.TotalSeconds,
                ["error"] = ErrorJson(result.Error),
            });

        private void Write(JsonObject json)
        {
            lock (output)
            {
                output.WriteLine(EventPrefix + json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
                output.Flush();
            }
        }
    }
}

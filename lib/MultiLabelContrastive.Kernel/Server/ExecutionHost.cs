using MultiLabelContrastive.Kernel.Language;
using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Kernel.Server;

/// <summary>
/// The kernel's side of the notebook engine: one <see cref="ScriptSession"/> whose state all cells share, the kernel's
/// own execution count (<c>In [n]</c>, only for requests that store history), the history of executed code, and the
/// compile-only model that answers completion and inspection requests.
/// </summary>
/// <remarks>
/// Interrupts: the engine stops a cell cooperatively (it inserts a stop check into every loop body of the cell, so
/// <c>while (true) { }</c> stops at once and the session keeps its state). A cell that does not stop within the grace
/// period (blocked in <c>Thread.Sleep</c>, a lock, a socket read or native code) leaves the engine's session broken;
/// the kernel then starts a fresh session and says so in the error: the variables of earlier cells are gone, and the
/// blocked thread stays behind (a background thread, released with the process) until it returns by itself.
/// Restarting the kernel ends it.
/// </remarks>
internal sealed class ExecutionHost : IDisposable
{
    /// <summary>The traceback lines added to the error of a cell that did not stop.</summary>
    public static readonly string[] FreshSessionNotice =
    [
        "The kernel started a fresh C# session: variables, types and usings of earlier cells are gone; run the notebook's cells again.",
        "The blocked cell's thread stays behind in the background until it returns by itself; restart the kernel to end it.",
    ];

    private readonly ScriptSessionOptions _options;
    private readonly List<ScriptSession> _abandoned = [];
    private readonly List<(int Count, string Code)> _history = [];
    private ScriptSession _session;
    private int _executionCount;

    /// <summary>Creates the host and its first session.</summary>
    public ExecutionHost(ScriptSessionOptions options)
    {
        _options = options;
        _session = new ScriptSession(options);
        Completion = new CompletionModel(options.Imports);
    }

    /// <summary>The last execution count given to a cell that stored history.</summary>
    public int ExecutionCount => _executionCount;

    /// <summary>How many fresh sessions were started after cells that did not stop.</summary>
    public int SessionsReplaced { get; private set; }

    /// <summary>The code of executed cells with their execution counts, oldest first.</summary>
    public IReadOnlyList<(int Count, string Code)> History => _history;

    /// <summary>Completion and inspection over the cells executed so far.</summary>
    public CompletionModel Completion { get; private set; }

    /// <summary>The running session (its variables feed inspection).</summary>
    public ScriptSession Session => _session;

    /// <summary>Runs one cell. Outputs go to <paramref name="onOutput"/> as they are produced.</summary>
    /// <param name="code">The cell.</param>
    /// <param name="storeHistory">Whether the cell gets the next execution count and enters the history.</param>
    /// <param name="onOutput">Receives each output (stream pieces, displays, the result, the error).</param>
    /// <returns>The engine's result, the execution count and the error as published (with the fresh-session notice
    /// when the session was replaced).</returns>
    public async Task<KernelExecution> ExecuteAsync(string code, bool storeHistory, Action<CellOutput> onOutput)
    {
        var count = storeHistory ? ++_executionCount : _executionCount;
        var session = _session;
        ErrorOutput? published = null;
        var result = await session.ExecuteAsync(
            code,
            storeHistory ? $"In [{count}]" : "In [ ]",
            onOutput: output =>
            {
                if (output is ErrorOutput error)
                {
                    if (session.BrokenReason is not null)
                    {
                        error = error with { Traceback = [.. error.Traceback, .. FreshSessionNotice] };
                    }

                    published = error;
                    output = error;
                }

                onOutput(output);
            }).ConfigureAwait(false);

        if (storeHistory)
        {
            _history.Add((count, code));
        }

        var replaced = false;
        if (session.BrokenReason is not null)
        {
            // The stuck thread may still use the old session's assembly loader: keep it alive, never dispose it.
            _abandoned.Add(session);
            _session = new ScriptSession(_options);
            Completion = new CompletionModel(_options.Imports);
            SessionsReplaced++;
            replaced = true;
        }
        else if (result.Succeeded || result.CodeCompiled)
        {
            // declarations of a cell that compiled (even if it threw later) exist in the session
            Completion = Completion.With(code);
        }

        return new KernelExecution(result, count, published ?? result.Error, replaced);
    }

    /// <summary>Compiles and runs an empty submission in the background, so that the compiler is warm (~1–3 s) before
    /// the first cell arrives; a cell sent meanwhile waits for it.</summary>
    public void WarmUp()
    {
        var session = _session;
        _ = Task.Run(async () =>
        {
            try
            {
                await session.ExecuteAsync("", "warm-up").ConfigureAwait(false);
                _ = Completion.Complete("Console.", 8);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // a failed warm-up only means the first cell compiles cold
            }
        });
    }

    /// <summary>Asks the running cell to stop (no effect when idle).</summary>
    public void Interrupt() => _session.Interrupt();

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

/// <summary>What one execution gave the kernel.</summary>
/// <param name="Result">The engine's result.</param>
/// <param name="ExecutionCount">The kernel's execution count of the cell.</param>
/// <param name="Error">The error output as published, or null.</param>
/// <param name="SessionReplaced">Whether a fresh session replaced one the cell left broken.</param>
internal sealed record KernelExecution(CellExecutionResult Result, int ExecutionCount, ErrorOutput? Error, bool SessionReplaced);

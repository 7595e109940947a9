using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using MultiLabelContrastive.Notebooks.Formatting;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// One C# scripting session (Roslyn): cells run in sequence and share state (variables, types, usings, references),
/// like the cells of one notebook or one kernel. The engine under both front ends, the executor and the Jupyter kernel.
/// </summary>
/// <remarks>
/// <para>A cell may start with directives: <c>#r "path/to.dll"</c>, <c>#r "nuget: Name, Version"</c> (from the host's own
/// packages or the local NuGet cache, never downloaded), <c>#load "helper.csx"</c> (its usings apply to the cells after it); a <c>#!csharp</c> line is ignored.
/// <c>display(x)</c> shows a value; a final expression without semicolon is the cell's result. Console output is
/// captured as <c>stream</c> outputs.</para>
/// <para>Each cell runs on its own thread. A timeout or <see cref="Interrupt"/> cancels <see cref="CellInterrupt.Token"/>,
/// which every loop of the cell checks; a cell that does not stop within <see cref="ScriptSessionOptions.StopGracePeriod"/>
/// (stuck in native code) leaves the session broken: later cells fail at once.</para>
/// <para>Cells of one session run one at a time; sessions are independent and may run in parallel.</para>
/// </remarks>
public sealed class ScriptSession : IDisposable
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> DefaultReferences = new(() =>
    [
        .. HostAssemblies.Current.FrameworkAssemblies.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(ScriptSession).Assembly.Location),
    ]);

    private readonly ScriptSessionOptions _options;
    private readonly ScriptOptions _scriptOptions;
    private readonly ScriptGlobals _globals;
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly NuGetResolver _nuget;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _baseDirectory;
    private readonly List<MetadataReference> _extraReferences = [];
    private readonly HashSet<string> _extraReferencePaths = new(StringComparer.Ordinal);
    private ScriptState<object>? _state;
    private CancellationTokenSource? _currentStop;
    private string? _broken;
    private bool _codeCompiled; // whether the running cell's code submission compiled (its declarations enter the session)
    private int _executionCount;

    /// <summary>Creates a session (cheap; the compiler warms up on the first cell, ~1–3 s).</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        _options = options ?? new ScriptSessionOptions();
        _baseDirectory = Path.GetFullPath(_options.BaseDirectory ?? Directory.GetCurrentDirectory());
        var host = HostAssemblies.Current;
        _nuget = new NuGetResolver(host, _options.NuGetPackagesFolder ?? NuGetResolver.DefaultPackagesFolder());
        Formatter = _options.Formatter ?? MimeFormatter.Default;
        _globals = new ScriptGlobals(Formatter, _baseDirectory);
        _scriptOptions = ScriptOptions.Default
            .WithReferences(DefaultReferences.Value)
            .WithImports(_options.Imports)
            .WithMetadataResolver(new ScriptReferenceResolver(host, _nuget, _baseDirectory))
            .WithSourceResolver(new SourceFileResolver([], _baseDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true);
        ConsoleCapture.EnsureInstalled();
    }

    /// <summary>The formatter of displayed values and results.</summary>
    public MimeFormatter Formatter { get; }

    /// <summary>Number of cells executed so far (the last <c>In [n]</c>).</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>Why the session cannot run more cells (a cell that did not stop), or null when it can.</summary>
    public string? BrokenReason => _broken;

    /// <summary>Top-level variables, the latest declaration of each name, in declaration order.</summary>
    public IReadOnlyList<ScriptVariable> Variables
    {
        get
        {
            var state = _state;
            if (state is null)
            {
                return [];
            }

            var latest = new Dictionary<string, ScriptVariable>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var v in state.Variables)
            {
                if (!latest.ContainsKey(v.Name))
                {
                    order.Add(v.Name);
                }

                latest[v.Name] = new ScriptVariable(v.Name, v.Type, v.Value);
            }

            return order.Select(n => latest[n]).ToList();
        }
    }

    /// <summary>Executes one cell.</summary>
    /// <param name="code">The cell's C# text (directives allowed at any line).</param>
    /// <param name="cellLabel">How errors name the cell, e.g. <c>cell 4</c>; <c>In [n]</c> when null.</param>
    /// <param name="timeout">Time limit of the cell, none when null.</param>
    /// <param name="onOutput">Called with each output as it is produced (stream pieces, displays, result, error).</param>
    /// <param name="cancellationToken">Cancels like <see cref="Interrupt"/>.</param>
    /// <returns>Status, execution count, outputs and timing.</returns>
    public async Task<CellExecutionResult> ExecuteAsync(
        string code,
        string? cellLabel = null,
        TimeSpan? timeout = null,
        Action<CellOutput>? onOutput = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "must be positive");
        }

        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var count = Interlocked.Increment(ref _executionCount);
            var label = cellLabel ?? $"In [{count}]";
            _codeCompiled = false;
            var collector = new OutputCollector(onOutput);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var status = await RunAsync(code, label, count, timeout, collector, cancellationToken).ConfigureAwait(false);
            return new CellExecutionResult(status, count, collector.Close(), started, clock.Elapsed) { CodeCompiled = _codeCompiled };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Asks the running cell to stop (a kernel's interrupt); no effect when idle.</summary>
    public void Interrupt()
    {
        try
        {
            _currentStop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the cell has just finished
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _loader.Dispose();
        _gate.Dispose();
    }

    private async Task<CellStatus> RunAsync(
        string code, string label, int count, TimeSpan? timeout, OutputCollector collector, CancellationToken cancellationToken)
    {
        if (_broken is not null)
        {
            collector.Add(ErrorFormatting.Directive(label, "SessionBroken", _broken));
            return CellStatus.Failed;
        }

        CellSource source;
        try
        {
            source = CellSource.Parse(code);
        }
        catch (CellMagicException e)
        {
            collector.Add(ErrorFormatting.Directive(label, "UnsupportedCellMagic", e.Message));
            return CellStatus.Failed;
        }

        foreach (var (line, reference) in source.NuGetReferences)
        {
            try
            {
                var package = NuGetReference.Parse(reference);
                var paths = _nuget.Resolve(package);
                if (paths.Count == 0)
                {
                    throw new NuGetResolutionException($"#r \"{reference}\": the package has no runtime assembly.");
                }

                var main = ScriptReferenceResolver.MainAssembly(package, paths);
                foreach (var path in paths.Where(p => p != main && !_extraReferencePaths.Contains(p)))
                {
                    _extraReferencePaths.Add(path);
                    _extraReferences.Add(MetadataReference.CreateFromFile(path));
                }
            }
            catch (NuGetResolutionException e)
            {
                collector.Add(ErrorFormatting.Directive(label, "NuGetResolutionError", $"line {line}: {e.Message}"));
                return CellStatus.Failed;
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _currentStop = stop;
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = stop.Token.Register(() => stopRequested.TrySetResult());
        var work = Task.Factory.StartNew(
            () => RunOnCellThreadAsync(source, code, label, count, collector, stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        using var timer = new CancellationTokenSource();
        var timeoutTask = timeout is { } limit ? Task.Delay(limit, timer.Token) : Task.Delay(Timeout.Infinite, timer.Token);

        var first = await Task.WhenAny(work, timeoutTask, stopRequested.Task).ConfigureAwait(false);
        var timedOut = first == timeoutTask;
        if (first != work)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            var stopped = await Task.WhenAny(work, Task.Delay(_options.StopGracePeriod)).ConfigureAwait(false) == work;
            _currentStop = null;
            if (!stopped)
            {
                _broken = $"{label} did not stop after {(timedOut ? "its timeout" : "an interrupt")}; restart the session.";
            }

            collector.Add(timedOut ? ErrorFormatting.TimedOut(label, timeout!.Value, stopped) : ErrorFormatting.Interrupted(label, stopped));
            return timedOut ? CellStatus.TimedOut : CellStatus.Interrupted;
        }

        await timer.CancelAsync().ConfigureAwait(false);
        _currentStop = null;
        var outcome = await work.ConfigureAwait(false);
        if (outcome == CellStatus.Interrupted)
        {
            // the cell's own stop token fired between the wait and its end
            collector.Add(ErrorFormatting.Interrupted(label, stopped: true));
        }

        return outcome;
    }

    private async Task<CellStatus> RunOnCellThreadAsync(
        CellSource source, string originalCode, string label, int count, OutputCollector collector, CancellationToken stop)
    {
        ConsoleCapture.Enter(collector);
        CellInterrupt.Enter(stop);
        _globals.Collector = collector;
        var cellPath = Path.Combine(_baseDirectory, $"{_options.SourceName}#{label}");
        try
        {
            if (source.Directives is not null)
            {
                var status = await RunSubmissionAsync(source.Directives, originalCode, null, label, cellPath, count, collector, stop, trailing: false).ConfigureAwait(false);
                if (status == CellStatus.Completed && LoadedUsings.Of(source.Directives, _baseDirectory) is { } usings)
                {
                    status = await RunSubmissionAsync(usings, originalCode, null, label, cellPath, count, collector, stop, trailing: false).ConfigureAwait(false);
                }

                if (status != CellStatus.Completed || !source.HasCode)
                {
                    return status;
                }
            }

            var instrumented = LoopInterrupts.Instrument(source.Code, CellSource.ParseOptions);
            return await RunSubmissionAsync(instrumented.Code, originalCode, instrumented, label, cellPath, count, collector, stop, trailing: true).ConfigureAwait(false);
        }
        finally
        {
            _globals.Collector = null;
            ConsoleCapture.Enter(null);
        }
    }

    private async Task<CellStatus> RunSubmissionAsync(
        string code,
        string originalCode,
        LoopInterrupts.Instrumented? instrumented,
        string label,
        string cellPath,
        int count,
        OutputCollector collector,
        CancellationToken stop,
        bool trailing)
    {
        var options = _scriptOptions.WithFilePath(cellPath).AddReferences(_extraReferences);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(code));
        var script = _state is null
            ? CSharpScript.Create(stream, options, typeof(ScriptGlobals), _loader)
            : _state.Script.ContinueWith(stream, options);

        var diagnostics = script.Compile(stop);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            collector.Add(ErrorFormatting.Compilation(label, diagnostics, originalCode, instrumented, cellPath));
            return CellStatus.Failed;
        }

        _codeCompiled |= trailing;

        PreloadHostReferences(script);
        ScriptState<object> state;
        try
        {
            state = _state is null
                ? await script.RunAsync(_globals, _ => true, stop).ConfigureAwait(false)
                : await script.RunFromAsync(_state, _ => true, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return CellStatus.Interrupted;
        }

        _state = state;
        if (state.Exception is { } exception)
        {
            if (exception is OperationCanceledException && stop.IsCancellationRequested)
            {
                return CellStatus.Interrupted;
            }

            collector.Add(ErrorFormatting.Exception(label, exception, cellPath));
            return CellStatus.Failed;
        }

        if (trailing && HasValue(script, state.ReturnValue))
        {
            collector.Add(new ExecuteResultOutput(count, FormatSafely(state.ReturnValue)));
        }

        return CellStatus.Completed;
    }

    private MimeBundle FormatSafely(object? value)
    {
        try
        {
            return Formatter.Format(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new MimeBundle().SetText(MimeTypes.PlainText, $"{value} (formatting failed: {e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Whether the submission ends with an expression whose value should be shown (non-void, without semicolon).</summary>
    private static bool HasValue(Script script, object? returnValue)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree is null || CellSource.TrailingExpression(tree) is not { } expression)
        {
            return false;
        }

        if (returnValue is not null)
        {
            return true;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>Loads the host's copies of the script's referenced assemblies into the default load context first, so the
    /// script binds to the very assemblies the host uses (one TorchSharp, one Plotly.NET) and not to a second copy.</summary>
    private static void PreloadHostReferences(Script script)
    {
        var compilation = script.GetCompilation();
        foreach (var reference in compilation.References.OfType<PortableExecutableReference>())
        {
            if (reference.FilePath is not { } path
                || path.StartsWith(HostAssemblies.Current.FrameworkDirectory, StringComparison.Ordinal)
                || HostAssemblies.Current.FindAssembly(Path.GetFileNameWithoutExtension(path)) != path)
            {
                continue;
            }

            try
            {
                AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(Path.GetFileNameWithoutExtension(path)));
            }
            catch (Exception e) when (e is FileLoadException or BadImageFormatException or FileNotFoundException)
            {
                // not loadable here (reference assembly, native image): the script loader handles it
            }
        }
    }
}

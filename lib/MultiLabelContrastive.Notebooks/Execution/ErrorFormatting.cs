using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>Builds the <c>error</c> outputs: compile errors (cell, line, column, the source line and a caret),
/// exceptions (type, message, the stack frames of the cell and of libraries, engine frames dropped), timeouts,
/// interrupts and directive failures.</summary>
internal static partial class ErrorFormatting
{
    public static ErrorOutput Compilation(
        string label, IEnumerable<Diagnostic> diagnostics, string originalCode, LoopInterrupts.Instrumented? instrumented, string cellPath)
    {
        var lines = originalCode.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var traceback = new List<string>();
        string? first = null;
        foreach (var diagnostic in errors)
        {
            var span = diagnostic.Location.GetLineSpan();
            string where;
            if (diagnostic.Location.IsInSource && string.Equals(span.Path, cellPath, StringComparison.Ordinal))
            {
                var line = span.StartLinePosition.Line;
                var column = instrumented?.OriginalColumn(originalCode, line, span.StartLinePosition.Character) ?? span.StartLinePosition.Character;
                where = $"{label}, line {line + 1}, column {column + 1}";
                traceback.Add($"{where}: error {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                if (line < lines.Length)
                {
                    traceback.Add("    " + lines[line]);
                    traceback.Add("    " + new string(' ', Math.Max(0, column)) + "^");
                }
            }
            else
            {
                where = diagnostic.Location.IsInSource ? $"{label} ({Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1})" : label;
                traceback.Add($"{where}: error {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            first ??= $"{where}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        traceback.Insert(0, $"{label} did not compile ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):");
        return new ErrorOutput("CompilationError", first ?? $"{label} did not compile", traceback);
    }

    public static ErrorOutput Exception(string label, Exception exception, string sourcePath)
    {
        exception = Unwrap(exception);
        var traceback = new List<string> { $"{label} threw {exception.GetType().FullName}: {exception.Message}" };
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current != exception)
            {
                traceback.Add($"---> {current.GetType().FullName}: {current.Message}");
            }

            foreach (var frame in (current.StackTrace ?? "").Split('\n'))
            {
                var text = frame.TrimEnd('\r');
                if (text.Length == 0 || IsEngineFrame(text))
                {
                    continue;
                }

                text = text.Replace($" in {sourcePath}:line ", $" in {label}, line ", StringComparison.Ordinal);
                text = SubmissionFrame().Replace(text, "<cell>");
                traceback.Add(text);
            }
        }

        return new ErrorOutput(exception.GetType().Name, $"{label}: {exception.Message}", traceback);
    }

    public static ErrorOutput TimedOut(string label, TimeSpan timeout, bool stopped) =>
        new("CellTimeout",
            $"{label} ran longer than its time limit of {Seconds(timeout)} and was stopped",
            stopped
                ? [$"{label} exceeded --cell-timeout {Seconds(timeout)}; it was stopped."]
                : [$"{label} exceeded --cell-timeout {Seconds(timeout)} and did not stop (busy outside C# loops the engine can interrupt, e.g. in native code).",
                   "The session cannot run further cells."]);

    public static ErrorOutput Interrupted(string label, bool stopped) =>
        new("Interrupted",
            $"{label} was interrupted",
            stopped ? [$"{label} was interrupted."] : [$"{label} was interrupted and did not stop; the session cannot run further cells."]);

    public static ErrorOutput Directive(string label, string name, string message) =>
        new(name, $"{label}, {message}", [$"{label}, {message}"]);

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.###} s";

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                default:
                    return exception;
            }
        }
    }

    private static bool IsEngineFrame(string frame) =>
        frame.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
        || frame.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
        || frame.Contains("System.Runtime.ExceptionServices", StringComparison.Ordinal)
        || frame.Contains("System.Threading.Tasks.Task", StringComparison.Ordinal)
        || frame.Contains("--- End of stack trace from previous location ---", StringComparison.Ordinal)
        || frame.Contains("MultiLabelContrastive.Notebooks.Execution.CellInterrupt", StringComparison.Ordinal);

    [GeneratedRegex(@"Submission#\d+\.<<Initialize>>d__\d+\.MoveNext\(\)")]
    private static partial Regex SubmissionFrame();
}

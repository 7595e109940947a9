using System.Globalization;
using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Running;
using Spectre.Console;

namespace MultiLabelContrastive.Runner;

/// <summary>Shows the run in the terminal: a Spectre.Console progress task per notebook (current cell, elapsed time)
/// and one line per finished cell with its time, so that logs of non-interactive runs (CI) show the same.</summary>
internal sealed class ProgressObserver(ProgressContext progress, int notebookCount) : INotebookObserver
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];
    private int _started;

    public void NotebookStarting(string name, int codeCells)
    {
        _started++;
        var task = progress.AddTask(Describe(name, "starting"), maxValue: Math.Max(1, codeCells));
        _tasks[name] = task;
        AnsiConsole.MarkupLine($"[bold]▶ {Markup.Escape(name)}[/] [grey]({_started}/{notebookCount}, {codeCells} code cells)[/]");
    }

    public void CellStarting(string name, int cellNumber, int codeCellIndex, int codeCells)
    {
        if (_tasks.TryGetValue(name, out var task))
        {
            task.Description = Describe(name, $"cell {cellNumber} ({codeCellIndex}/{codeCells})");
        }
    }

    public void CellFinished(string name, int cellNumber, CellExecutionResult result)
    {
        if (_tasks.TryGetValue(name, out var task))
        {
            task.Increment(1);
        }

        var (mark, colour) = result.Status switch
        {
            CellStatus.Completed => ("✓", "green"),
            CellStatus.TimedOut => ("⏱", "red"),
            _ => ("✗", "red"),
        };
        var seconds = result.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var line = $"  [{colour}]{mark}[/] cell {cellNumber,3}  [grey]{seconds,8} s[/]";
        if (result.Error is { } error)
        {
            line += $"  [red]{Markup.Escape(error.EName)}: {Markup.Escape(Truncate(error.EValue, 160))}[/]";
        }

        AnsiConsole.MarkupLine(line);
    }

    public void NotebookFinished(NotebookRunResult result)
    {
        if (_tasks.TryGetValue(result.Name, out var task))
        {
            task.Description = Describe(result.Name, result.Succeeded ? "[green]succeeded[/]" : "[red]failed[/]", escapeStatus: false);
            task.Value = task.MaxValue;
            task.StopTask();
        }
        else if (result.Status == NotebookStatus.NotRun)
        {
            AnsiConsole.MarkupLine($"[yellow]- {Markup.Escape(result.Name)} not run (--fail-fast)[/]");
        }
        else if (result.Error is { } error)
        {
            AnsiConsole.MarkupLine($"[red]✗ {Markup.Escape(result.Name)}: {Markup.Escape(error.EValue)}[/]");
        }
    }

    private static string Describe(string name, string status, bool escapeStatus = true) =>
        $"{Markup.Escape(name)} · {(escapeStatus ? Markup.Escape(status) : status)}";

    private static string Truncate(string text, int length)
    {
        var firstLine = text.Split('\n')[0];
        return firstLine.Length <= length ? firstLine : firstLine[..length] + "…";
    }
}

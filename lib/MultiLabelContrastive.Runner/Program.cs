using System.CommandLine;
using System.Globalization;
using MultiLabelContrastive.Notebooks.Parameters;
using MultiLabelContrastive.Notebooks.Running;
using MultiLabelContrastive.Runner;
using MultiLabelContrastive.Runner.Sweeps;
using Spectre.Console;

if (args.Length > 0 && args[0] == NotebookWorker.Command)
{
    // A child process executing one notebook for the parent runner (see IsolatedNotebookExecutor).
    return await NotebookWorker.MainAsync(args);
}

var paths = new Argument<string[]>("notebooks")
{
    Description = "Notebook files and/or folders (a folder's *.ipynb run in name order). Default: notebooks",
    Arity = ArgumentArity.ZeroOrMore,
};
var output = new Option<string>("--out", "-o")
{
    Description = "Output folder: executed notebooks in OUT/notebooks, the HTML report in OUT/report, OUT/summary.json",
    DefaultValueFactory = _ => "artifacts",
};
var quick = new Option<bool>("--quick") { Description = "Set the notebooks' standard parameter Quick=true (small, fast runs, as CI does)" };
var full = new Option<bool>("--full") { Description = "Set the notebooks' standard parameter Full=true (paper-scale epochs and data sizes)" };
var parameters = new Option<string[]>("--param", "-p")
{
    Description = "Override a parameter of the notebooks' 'parameters' cell: Name=Value (repeatable; typed like the default)",
    Arity = ArgumentArity.ZeroOrMore,
    AllowMultipleArgumentsPerToken = false,
};
var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first notebook that fails (the others are reported as not run)" };
var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Time limit of each cell in seconds (default: none)" };
var inProcess = new Option<bool>("--in-process")
{
    Description = "Run the notebooks inside this process (default: one child process per notebook, so that a native crash ends only that notebook)",
};

var root = new RootCommand("Executes C# notebooks (.ipynb) headless and writes the executed notebooks and an offline HTML report.")
{
    paths, output, quick, full, parameters, failFast, cellTimeout, inProcess,
};
root.Subcommands.Add(SweepCommand.Create(WorkerCommand));

root.SetAction(async (parse, cancellationToken) =>
{
    IReadOnlyList<string> notebooks;
    IReadOnlyDictionary<string, string> overrides;
    TimeSpan? timeout = null;
    try
    {
        var given = parse.GetValue(paths) is { Length: > 0 } p ? p : ["notebooks"];
        notebooks = NotebookBatch.FindNotebooks(given);
        overrides = ParameterAssignments.WithQuick(ParameterAssignments.Parse(parse.GetValue(parameters) ?? []), parse.GetValue(quick));
        if (parse.GetValue(full))
        {
            // Three run sizes: --quick (CI smoke), none (the main job), --full (paper scale).
            overrides = parse.GetValue(quick) ? throw new ArgumentException("--quick and --full exclude each other: choose one run size.")
                : overrides.ContainsKey("Full") ? overrides : new Dictionary<string, string>(overrides, StringComparer.Ordinal) { ["Full"] = "true" };
        }
        if (parse.GetValue(cellTimeout) is { } seconds)
        {
            timeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"--cell-timeout must be positive, got {seconds}.");
        }
    }
    catch (Exception e) when (e is ArgumentException or FileNotFoundException)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        return 2;
    }

    var run = new NotebookRunOptions { Parameters = overrides, CellTimeout = timeout };
    var options = new BatchOptions
    {
        OutputDirectory = parse.GetValue(output)!,
        FailFast = parse.GetValue(failFast),
        Run = run,
        Executor = parse.GetValue(inProcess) ? new NotebookExecutor(run) : new IsolatedNotebookExecutor(WorkerCommand(), run),
        ReportTitle = "MultiLabelContrastive notebooks",
    };

    AnsiConsole.MarkupLine($"[bold]Executing {notebooks.Count} notebook(s)[/] [grey]→ {Markup.Escape(Path.GetFullPath(options.OutputDirectory))}[/]");
    if (overrides.Count > 0)
    {
        AnsiConsole.MarkupLine($"[grey]parameters: {Markup.Escape(string.Join(", ", overrides.Select(o => $"{o.Key}={o.Value}")))}[/]");
    }

    BatchResult? result = null;
    await AnsiConsole.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
        .StartAsync(async context =>
        {
            result = await NotebookBatch.RunAsync(notebooks, options, new ProgressObserver(context, notebooks.Count), cancellationToken);
        });

    var table = new Table().AddColumns("notebook", "status", "duration", "cells", "error");
    foreach (var r in result!.Results)
    {
        var status = r.Status switch
        {
            NotebookStatus.Succeeded => "[green]succeeded[/]",
            NotebookStatus.Failed => "[red]failed[/]",
            _ => "[yellow]not run[/]",
        };
        table.AddRow(
            Markup.Escape(r.Name),
            status,
            r.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            $"{r.CellsExecuted}/{r.CodeCells}",
            r.Error is null ? "" : Markup.Escape($"{(r.FailedCellNumber is { } c ? $"cell {c}: " : "")}{r.Error.EName}"));
    }

    AnsiConsole.Write(table);
    foreach (var warning in result.Results.SelectMany(r => r.Warnings.Select(w => $"{r.Name}: {w}")))
    {
        AnsiConsole.MarkupLine($"[yellow]warning[/] {Markup.Escape(warning)}");
    }

    var failed = result.Results.Count(r => r.Status != NotebookStatus.Succeeded);
    AnsiConsole.MarkupLine(failed == 0
        ? $"[green]All {result.Results.Count} notebook(s) succeeded.[/]"
        : $"[red]{failed} of {result.Results.Count} notebook(s) did not succeed.[/]");
    Console.WriteLine($"Executed notebooks: {result.ExecutedNotebooksDirectory}");
    Console.WriteLine($"Report: {result.ReportIndexPath}");
    Console.WriteLine($"        {new Uri(result.ReportIndexPath).AbsoluteUri}");
    return failed == 0 ? 0 : 1;
});

// A sweep task cancelled by SIGTERM (scancel, preemption, time limit) gets time to write its failure record; Slurm's
// KillWait (default 30 s) passes before SIGKILL.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(args.Length > 0 && args[0] == "sweep" ? 20 : 2) };
return await root.Parse(args).InvokeAsync(invocation);

// This program again: `dotnet Runner.dll` or the apphost `MultiLabelContrastive.Runner`.
static string[] WorkerCommand() => RunnerProcess.Command();

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>How to run a set of notebooks and where to write the results.</summary>
public sealed record BatchOptions
{
    /// <summary>Output folder: <c>notebooks/</c> (executed copies), <c>report/</c> (HTML) and <c>summary.json</c> go there.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Options of each notebook run (parameters, cell timeout).</summary>
    public NotebookRunOptions Run { get; init; } = new();

    /// <summary>Stop after the first notebook that fails; the rest are reported as not run.</summary>
    public bool FailFast { get; init; }

    /// <summary>Executes each notebook; an in-process <see cref="NotebookExecutor"/> with <see cref="Run"/> when null.</summary>
    public INotebookExecutor? Executor { get; init; }

    /// <summary>Title of the report's index page.</summary>
    public string ReportTitle { get; init; } = "Notebooks";
}

using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>The result of executing one notebook.</summary>
/// <param name="Name">File name without extension, e.g. <c>00-environment</c>.</param>
/// <param name="SourcePath">The notebook file that was executed.</param>
/// <param name="Executed">The executed copy (outputs, execution counts, timing metadata), null when the file could not be read or the notebook was not run.</param>
/// <param name="Status">Outcome.</param>
/// <param name="Duration">Wall-clock time of the run.</param>
/// <param name="FailedCellNumber">1-based position, in <paramref name="Executed"/>, of the cell that failed; null when none.</param>
/// <param name="Error">The error output of that cell (or of the file), null when none.</param>
/// <param name="Warnings">Non-fatal remarks, e.g. a parameter that the notebook does not declare.</param>
/// <param name="CellsExecuted">Number of code cells executed (the failed one included).</param>
/// <param name="CodeCells">Number of code cells in the executed notebook.</param>
public sealed record NotebookRunResult(
    string Name,
    string SourcePath,
    Notebook? Executed,
    NotebookStatus Status,
    TimeSpan Duration,
    int? FailedCellNumber,
    ErrorOutput? Error,
    IReadOnlyList<string> Warnings,
    int CellsExecuted,
    int CodeCells)
{
    /// <summary>Whether every code cell ran to the end.</summary>
    public bool Succeeded => Status == NotebookStatus.Succeeded;
}

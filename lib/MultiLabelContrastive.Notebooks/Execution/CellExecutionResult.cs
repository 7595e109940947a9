using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>What executing one cell produced.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="ExecutionCount">The session's execution count given to this cell (<c>In [n]</c>).</param>
/// <param name="Outputs">Its outputs in order (streams merged, display data, the trailing expression's result, the error).</param>
/// <param name="Started">When execution started (UTC).</param>
/// <param name="Duration">Wall-clock time, compilation included.</param>
public sealed record CellExecutionResult(
    CellStatus Status,
    int ExecutionCount,
    IReadOnlyList<CellOutput> Outputs,
    DateTimeOffset Started,
    TimeSpan Duration)
{
    /// <summary>The error output when <see cref="Status"/> is not <see cref="CellStatus.Completed"/>, else null.</summary>
    public ErrorOutput? Error => Outputs.OfType<ErrorOutput>().LastOrDefault();

    /// <summary>Whether the cell ran to the end.</summary>
    public bool Succeeded => Status == CellStatus.Completed;

    /// <summary>
    /// Whether the cell's code compiled, so that its declarations now exist in the session — also when it then threw,
    /// timed out or was interrupted; false when it did not compile, or a directive, a cell magic or a broken session
    /// stopped it before compilation.
    /// </summary>
    public bool CodeCompiled { get; init; }
}

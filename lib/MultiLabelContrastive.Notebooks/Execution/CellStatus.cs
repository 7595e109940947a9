namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>How a cell's execution ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Completed,

    /// <summary>Did not compile, threw, or a directive (<c>#r</c>, <c>#load</c>, cell magic) failed; see the error output.</summary>
    Failed,

    /// <summary>Ran past its time limit and was stopped.</summary>
    TimedOut,

    /// <summary>Stopped by <see cref="ScriptSession.Interrupt"/> (a kernel's interrupt request).</summary>
    Interrupted,
}

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>Outcome of a notebook run.</summary>
public enum NotebookStatus
{
    /// <summary>Every code cell ran to the end.</summary>
    Succeeded,

    /// <summary>A cell failed (compile error, exception, timeout, bad parameter) or the file could not be read; later cells did not run.</summary>
    Failed,

    /// <summary>Not run: an earlier notebook failed and <c>--fail-fast</c> was given.</summary>
    NotRun,
}

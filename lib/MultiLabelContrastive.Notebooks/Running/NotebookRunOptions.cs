using MultiLabelContrastive.Notebooks.Formatting;

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>How to execute a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Parameter overrides (<c>--param Name=Value</c>, and <c>Quick=true</c> from <c>--quick</c>), injected in a
    /// cell after the cell tagged <c>parameters</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Time limit of each cell; none when null.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Formatter of outputs; <see cref="MimeFormatter.Default"/> when null.</summary>
    public MimeFormatter? Formatter { get; init; }

    /// <summary>Whether the process's current directory is the notebook's folder while it runs (as in Jupyter), so that
    /// relative file paths in cells work. Notebook runs that change it are serialised within the process.</summary>
    public bool UseNotebookFolderAsCurrentDirectory { get; init; } = true;

    /// <summary>When set, the notebook as executed so far is saved to this path before each code cell runs (that cell
    /// marked <c>running</c> in <c>metadata.executor.status</c>), so that a crash of the process leaves a record of the
    /// outputs up to the crashing cell (see <see cref="IsolatedNotebookExecutor"/>).</summary>
    public string? CheckpointPath { get; init; }
}

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>Executes one notebook file: in this process (<see cref="NotebookExecutor"/>) or in a child process
/// (<see cref="IsolatedNotebookExecutor"/>).</summary>
public interface INotebookExecutor
{
    /// <summary>Reads and executes a notebook file.</summary>
    /// <param name="path">The <c>.ipynb</c> file.</param>
    /// <param name="observer">Progress receiver, or null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The result; failures (unreadable file, failing cell, crash) are results, not exceptions.</returns>
    Task<NotebookRunResult> ExecuteFileAsync(string path, INotebookObserver? observer = null, CancellationToken cancellationToken = default);
}

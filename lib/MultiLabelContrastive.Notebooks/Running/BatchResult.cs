namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>What a batch run produced.</summary>
/// <param name="Results">One result per notebook, in name order (not-run ones included).</param>
/// <param name="ReportIndexPath">Full path of the report's <c>index.html</c>.</param>
/// <param name="ExecutedNotebooksDirectory">Folder of the executed <c>.ipynb</c> copies.</param>
/// <param name="SummaryPath">Full path of <c>summary.json</c> (machine-readable statuses and durations).</param>
public sealed record BatchResult(
    IReadOnlyList<NotebookRunResult> Results,
    string ReportIndexPath,
    string ExecutedNotebooksDirectory,
    string SummaryPath)
{
    /// <summary>Whether every notebook succeeded.</summary>
    public bool Succeeded => Results.All(r => r.Status == NotebookStatus.Succeeded);
}

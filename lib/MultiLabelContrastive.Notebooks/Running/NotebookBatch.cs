using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Report;

namespace MultiLabelContrastive.Notebooks.Running;

/// <summary>
/// Runs notebooks one after another (files as given; folders: their <c>*.ipynb</c> in ordinal name order, checkpoints
/// excluded) and writes <c>OUT/notebooks/NAME.ipynb</c> (executed copies, also for failed runs), the HTML report
/// <c>OUT/report/</c> and <c>OUT/summary.json</c>. The console runner and CI use it.
/// </summary>
public static class NotebookBatch
{
    /// <summary>The notebooks to run, from files and folders.</summary>
    /// <param name="paths">Notebook files and/or folders.</param>
    /// <returns>Full paths: each folder's notebooks in ordinal name order, in the order the paths were given, no duplicates.</returns>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    /// <exception cref="ArgumentException">A file is not an <c>.ipynb</c>, or no notebook was found.</exception>
    public static IReadOnlyList<string> FindNotebooks(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                found.AddRange(Directory.GetFiles(path, "*.ipynb", SearchOption.TopDirectoryOnly)
                    .Select(Path.GetFullPath)
                    .OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"'{path}' is not a notebook (.ipynb).", nameof(paths));
                }

                found.Add(Path.GetFullPath(path));
            }
            else
            {
                throw new FileNotFoundException($"'{path}' is neither a notebook nor a folder.", path);
            }
        }

        var distinct = found.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            throw new ArgumentException($"No notebook (.ipynb) found in {string.Join(", ", paths)}.", nameof(paths));
        }

        return distinct;
    }

    /// <summary>Runs the notebooks and writes executed copies, the report and the summary.</summary>
    /// <param name="notebookPaths">The notebooks, in run order (see <see cref="FindNotebooks"/>).</param>
    /// <param name="options">Output folder, run options, fail-fast.</param>
    /// <param name="observer">Progress receiver, or null.</param>
    /// <param name="cancellationToken">Stops the run (the running cell is interrupted).</param>
    /// <returns>Per-notebook results and the paths written.</returns>
    public static async Task<BatchResult> RunAsync(
        IReadOnlyList<string> notebookPaths,
        BatchOptions options,
        INotebookObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebookPaths);
        ArgumentNullException.ThrowIfNull(options);
        var output = Path.GetFullPath(options.OutputDirectory);
        var executedFolder = Path.Combine(output, "notebooks");
        var reportFolder = Path.Combine(output, "report");
        Directory.CreateDirectory(executedFolder);

        var executor = options.Executor ?? new NotebookExecutor(options.Run);
        var results = new List<NotebookRunResult>();
        var stop = false;
        foreach (var path in notebookPaths)
        {
            if (stop || cancellationToken.IsCancellationRequested)
            {
                var skipped = new NotebookRunResult(Path.GetFileNameWithoutExtension(path), path, null, NotebookStatus.NotRun, TimeSpan.Zero, null, null, [], 0, 0);
                results.Add(skipped);
                observer?.NotebookFinished(skipped);
                continue;
            }

            var result = await executor.ExecuteFileAsync(path, observer, cancellationToken).ConfigureAwait(false);
            result.Executed?.Save(Path.Combine(executedFolder, Path.GetFileName(path)));
            results.Add(result);
            stop = options.FailFast && result.Status == NotebookStatus.Failed;
        }

        string? Href(NotebookRunResult r) => r.Executed is null ? null : "../notebooks/" + Uri.EscapeDataString(Path.GetFileName(r.SourcePath));
        var subtitle = Subtitle(options);
        var index = new ReportWriter(options.ReportTitle).Write(reportFolder, results, Href, subtitle);
        var summary = Path.Combine(output, "summary.json");
        await File.WriteAllTextAsync(summary, Summary(results, index), cancellationToken).ConfigureAwait(false);
        return new BatchResult(results, index, executedFolder, summary);
    }

    private static string Subtitle(BatchOptions options)
    {
        var parts = new List<string>();
        if (options.Run.Parameters.Count > 0)
        {
            parts.Add("parameters: " + string.Join(", ", options.Run.Parameters.Select(p => $"{p.Key}={p.Value}")));
        }

        if (options.Run.CellTimeout is { } timeout)
        {
            parts.Add($"cell timeout {timeout.TotalSeconds:0.#} s");
        }

        if (options.FailFast)
        {
            parts.Add("fail-fast");
        }

        return parts.Count == 0 ? "default parameters" : string.Join(" · ", parts);
    }

    private static string Summary(IReadOnlyList<NotebookRunResult> results, string index)
    {
        var json = new JsonObject
        {
            ["report"] = index,
            ["succeeded"] = results.All(r => r.Status == NotebookStatus.Succeeded),
            ["notebooks"] = new JsonArray(results.Select(r => (JsonNode?)new JsonObject
            {
                ["name"] = r.Name,
                ["source"] = r.SourcePath,
                ["status"] = r.Status.ToString(),
                ["duration_s"] = Math.Round(r.Duration.TotalSeconds, 3),
                ["cells_executed"] = r.CellsExecuted,
                ["code_cells"] = r.CodeCells,
                ["failed_cell"] = r.FailedCellNumber,
                ["error"] = r.Error is null ? null : $"{r.Error.EName}: {r.Error.EValue}",
                ["warnings"] = new JsonArray(r.Warnings.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
            }).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}

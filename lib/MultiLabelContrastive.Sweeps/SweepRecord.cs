using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MultiLabelContrastive.Sweeps;

/// <summary>
/// The result of one sweep task, stored as <c>records/&lt;id&gt;.json</c> in a results store: what ran (id, index,
/// notebook, parameters), how it ended (status, error), the notebook's metrics, and where and when (wall time, host,
/// device, scheduler, git commit). Written atomically, once per attempt; a later attempt replaces a failure record.
/// </summary>
public sealed record SweepRecord
{
    /// <summary>Status of a task whose notebook ran to the end and wrote its metrics.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Status of a task that failed, was cancelled or wrote no metrics (see <see cref="Error"/>).</summary>
    public const string Failed = "failed";

    /// <summary>The parameter set's id.</summary>
    public required string Id { get; init; }

    /// <summary>The manifest line (array task index) that ran.</summary>
    public required int Index { get; init; }

    /// <summary>The notebook, as the manifest names it.</summary>
    public required string Notebook { get; init; }

    /// <summary>The parameters of the run (without <see cref="SweepManifest.MetricsParameter"/>).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary><see cref="Succeeded"/> or <see cref="Failed"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the task failed; null when it succeeded.</summary>
    public SweepError? Error { get; init; }

    /// <summary>The JSON object the notebook wrote to its <see cref="SweepManifest.MetricsParameter"/> file; null on failure.</summary>
    public JsonObject? Metrics { get; init; }

    /// <summary>Wall time of the notebook run, in seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>When the task started (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>When the task finished (UTC).</summary>
    public required DateTimeOffset Finished { get; init; }

    /// <summary>The machine the task ran on.</summary>
    public required string Host { get; init; }

    /// <summary>The compute device the notebook reported in its metrics (<c>"device"</c>), else null.</summary>
    public string? Device { get; init; }

    /// <summary>The scheduler's name for the task, e.g. <c>slurm 1234_5</c>, <c>kubernetes index 5</c>, <c>local pid 77</c>.</summary>
    public string? Scheduler { get; init; }

    /// <summary>The git commit of the notebook's repository (HEAD, with <c>-dirty</c> when the work tree has changes), null outside git.</summary>
    public string? GitCommit { get; init; }

    /// <summary>Whether the task succeeded.</summary>
    [JsonIgnore]
    public bool IsDone => Status == Succeeded;

    /// <summary>The JSON options of records: camelCase, indented, NaN and ±∞ as named literals.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>Why a sweep task failed.</summary>
/// <param name="Name">The error's name: the exception type of the failing cell, <c>Cancelled</c>, <c>NoMetrics</c>, <c>BadMetrics</c>.</param>
/// <param name="Message">The error message.</param>
/// <param name="Cell">The 1-based number of the failing cell in the executed notebook, when a cell failed.</param>
public sealed record SweepError(string Name, string Message, int? Cell);

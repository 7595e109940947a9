using System.Text.Json;

namespace MultiLabelContrastive.Sweeps;

/// <summary>
/// A results store: a folder on storage every task can write, holding <c>records/&lt;id&gt;.json</c> (one
/// <see cref="SweepRecord"/> per parameter set, written atomically), <c>executed/&lt;id&gt;.ipynb</c> (the executed
/// notebook of the last attempt), <c>tmp/</c> (files of running tasks; what a killed task leaves there is never read)
/// and <c>logs/</c> (scheduler output). Any number of tasks may write to one store at once.
/// </summary>
public sealed class SweepStore
{
    /// <summary>Opens (does not create) a store.</summary>
    /// <param name="folder">The store's folder.</param>
    public SweepStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The store's folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>The records' folder.</summary>
    public string RecordsFolder => Path.Combine(Folder, "records");

    /// <summary>The executed notebooks' folder.</summary>
    public string ExecutedFolder => Path.Combine(Folder, "executed");

    /// <summary>Scratch space of running tasks.</summary>
    public string TemporaryFolder => Path.Combine(Folder, "tmp");

    /// <summary>Scheduler logs (Slurm's <c>--output</c>, the local backend's task logs).</summary>
    public string LogsFolder => Path.Combine(Folder, "logs");

    /// <summary>The record file of an id.</summary>
    public string RecordPath(string id) => Path.Combine(RecordsFolder, id + ".json");

    /// <summary>The executed notebook of an id.</summary>
    public string ExecutedPath(string id) => Path.Combine(ExecutedFolder, id + ".ipynb");

    /// <summary>Writes a record atomically (replacing an earlier attempt's).</summary>
    public void Write(SweepRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.WriteAllText(RecordPath(record.Id), JsonSerializer.Serialize(record, SweepRecord.JsonOptions) + "\n");
    }

    /// <summary>The record of an id, or null when it has none yet.</summary>
    /// <exception cref="InvalidDataException">The record file is not a record (edited by hand, or another program's); the message names it.</exception>
    public SweepRecord? Read(string id)
    {
        var path = RecordPath(id);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SweepRecord>(File.ReadAllText(path), SweepRecord.JsonOptions)
                ?? throw new InvalidDataException($"Record '{path}' is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Record '{path}' is not a sweep record: {e.Message}", e);
        }
    }

    /// <summary>Whether an id has a record with status succeeded.</summary>
    public bool IsDone(string id) => Read(id)?.IsDone ?? false;

    /// <summary>Temporary files left behind by killed tasks (safe to delete when no task runs).</summary>
    public IReadOnlyList<string> LeftoverTemporaryFiles() =>
        new[] { RecordsFolder, ExecutedFolder, TemporaryFolder }.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f))
            .Where(f => f.StartsWith(TemporaryFolder, StringComparison.Ordinal) || AtomicFile.IsTemporary(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal).ToList();
}

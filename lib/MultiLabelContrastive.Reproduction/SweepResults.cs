using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// The results notebooks' side of a sweep: the runs of a results store (the folder <c>sweep submit</c> filled, see
/// environment.md) as the <see cref="RunRecord"/>s the tables take, so that a notebook given a store shows the sweep's
/// numbers instead of running them. Only succeeded records count; failed and pending ids are reported by
/// <see cref="Describe"/>, so a partial sweep reads as one.
/// </summary>
public static class SweepResults
{
    /// <summary>The runs recorded in a store, in task order (then run order within a task).</summary>
    /// <param name="store">The results store folder (it holds <c>records/&lt;id&gt;.json</c>).</param>
    /// <param name="where">Optional filter on a record's parameters (e.g. only the tasks of one notebook's datasets).</param>
    /// <exception cref="DirectoryNotFoundException">No store, or no <c>records</c> folder in it.</exception>
    /// <exception cref="InvalidDataException">A record that is not valid; the message names the file.</exception>
    public static IReadOnlyList<RunRecord> Load(string store, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
        Records(store).Where(r => r.Succeeded && (where is null || where(r.Parameters))).SelectMany(r => r.Runs).ToList();

    /// <summary>One line on what the store holds: records succeeded and failed, runs, and the parameter sets of failed tasks.</summary>
    public static string Describe(string store)
    {
        var records = Records(store);
        var ok = records.Where(r => r.Succeeded).ToList();
        var failed = records.Where(r => !r.Succeeded).ToList();
        var text = $"{Path.GetFullPath(store)}: {ok.Count} task(s) succeeded ({ok.Sum(r => r.Runs.Count)} run(s)), {failed.Count} failed";
        return failed.Count == 0 ? text + "." : text + ": " + string.Join("; ", failed.Select(f => string.Join(", ", f.Parameters.Select(p => $"{p.Key}={p.Value}"))))
            + ". Pending tasks have no record yet: `sweep status` counts them against the manifest.";
    }

    private sealed record StoredRecord(int Index, string File, bool Succeeded, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<RunRecord> Runs);

    private static List<StoredRecord> Records(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        var folder = Path.Combine(Path.GetFullPath(store), "records");
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"'{Path.GetFullPath(store)}' is not a results store: it has no records folder (a store is the --store of `sweep submit`).");
        var records = new List<StoredRecord>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            JsonObject json;
            try
            {
                json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InvalidDataException($"Record '{file}' is not a JSON object.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Record '{file}' is not valid JSON: {e.Message}", e);
            }

            var status = json["status"] is JsonValue s && s.TryGetValue<string>(out var st) ? st : throw new InvalidDataException($"Record '{file}' has no status.");
            var index = json["index"] is JsonValue i && i.TryGetValue<int>(out var n) ? n : throw new InvalidDataException($"Record '{file}' has no index.");
            var parameters = (json["parameters"] as JsonObject ?? throw new InvalidDataException($"Record '{file}' has no parameters."))
                .ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var t) ? t : p.Value?.ToJsonString() ?? "", StringComparer.Ordinal);
            var runs = new List<RunRecord>();
            if (status == "succeeded")
            {
                var array = json["metrics"]?["runs"] as JsonArray
                    ?? throw new InvalidDataException($"Record '{file}' has no metrics.runs: its notebook did not write its runs with SweepMetrics.Write.");
                for (var k = 0; k < array.Count; k++)
                    runs.Add(RunRecordJson.FromJson(array[k] as JsonObject ?? throw new InvalidDataException($"Record '{file}', run {k}: not an object."),
                        $"Record '{file}', run {k.ToString(CultureInfo.InvariantCulture)}"));
            }

            records.Add(new StoredRecord(index, file, status == "succeeded", parameters, runs));
        }

        return records.OrderBy(r => r.Index).ThenBy(r => r.File, StringComparer.Ordinal).ToList();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Sweeps;

/// <summary>
/// <c>sweep collect</c>: the records of a sweep merged into one CSV table, in manifest order. Columns: <c>index</c>,
/// <c>id</c>, <c>status</c>, one per parameter, <c>wall_seconds</c>, <c>device</c>, <c>host</c>, <c>git_commit</c>,
/// <c>error</c>, then the metrics flattened (nested objects joined with '.'). A metrics object with a <c>runs</c> array
/// (the results notebooks' form) gives one row per run; any other metrics object one row. Failed and pending ids get
/// one row each with their status and no metrics, so a partial sweep reads as what it is.
/// </summary>
public static class SweepTable
{
    /// <summary>The rows of the table: column → text, each row in column order of first appearance.</summary>
    public static (IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows) Rows(SweepManifest manifest, SweepStore store)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(store);
        var columns = new List<string> { "index", "id", "status" };
        var parameterNames = manifest.Entries.SelectMany(e => e.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        columns.AddRange(parameterNames);
        columns.AddRange(["wall_seconds", "device", "host", "git_commit", "error"]);
        var known = new HashSet<string>(columns, StringComparer.Ordinal);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var entry in manifest.Entries)
        {
            var record = store.Read(entry.Id);
            var common = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["index"] = entry.Index.ToString(CultureInfo.InvariantCulture),
                ["id"] = entry.Id,
                ["status"] = record?.Status ?? "pending",
            };
            foreach (var (name, value) in entry.Parameters) common[name] = value;
            if (record is not null)
            {
                common["wall_seconds"] = record.WallSeconds.ToString("R", CultureInfo.InvariantCulture);
                common["device"] = record.Device ?? "";
                common["host"] = record.Host;
                common["git_commit"] = record.GitCommit ?? "";
                common["error"] = record.Error is { } e ? $"{e.Name}: {e.Message}" : "";
            }

            var metricRows = record?.Metrics is { } metrics ? MetricRows(metrics) : [[]];
            foreach (var metricRow in metricRows)
            {
                var row = new Dictionary<string, string>(common, StringComparer.Ordinal);
                foreach (var (name, value) in metricRow)
                {
                    if (known.Add(name)) columns.Add(name);
                    row[name] = value;
                }

                rows.Add(row);
            }
        }

        return (columns, rows);
    }

    /// <summary>The table as CSV (RFC 4180: comma-separated, quoted where needed, '\n' line ends).</summary>
    public static string ToCsv(SweepManifest manifest, SweepStore store)
    {
        var (columns, rows) = Rows(manifest, store);
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(Quote)).Append('\n');
        foreach (var row in rows)
            csv.AppendJoin(',', columns.Select(c => Quote(row.TryGetValue(c, out var v) ? v : ""))).Append('\n');
        return csv.ToString();
    }

    private static List<List<(string, string)>> MetricRows(JsonObject metrics)
    {
        var shared = new List<(string, string)>();
        foreach (var (name, value) in metrics)
            if (name != "runs") Flatten(name, value, shared);
        if (metrics["runs"] is not JsonArray runs) return [shared];
        return runs.Select(run =>
        {
            var row = new List<(string, string)>(shared);
            if (run is JsonObject o) foreach (var (name, value) in o) Flatten(name, value, row);
            else Flatten("run", run, row);
            return row;
        }).DefaultIfEmpty(shared).ToList();
    }

    private static void Flatten(string prefix, JsonNode? node, List<(string, string)> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o) Flatten($"{prefix}.{name}", value, into);
                break;
            case JsonArray a:
                into.Add((prefix, string.Join(';', a.Select(Scalar))));
                break;
            default:
                into.Add((prefix, Scalar(node)));
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}

using System.Text;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Devices;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// The notebook's side of a sweep task: a results notebook declares <c>string MetricsOut = "";</c> in its parameters
/// cell and, after its runs, calls <c>SweepMetrics.Write(MetricsOut, runs)</c>. Outside a sweep MetricsOut is empty and
/// nothing is written; in a sweep task (<c>MultiLabelContrastive.Runner sweep run</c>) it is the path of a JSON file the
/// task turns into the run's record: <c>{"device":"…","runs":[RunRecordJson…]}</c>.
/// </summary>
public static class SweepMetrics
{
    /// <summary>The parameter's name, the one the sweep task sets.</summary>
    public const string Parameter = "MetricsOut";

    /// <summary>Writes the runs to <paramref name="path"/> atomically (temporary file, then rename); does nothing when the path is empty.</summary>
    /// <param name="path">The notebook's MetricsOut parameter.</param>
    /// <param name="runs">The runs the notebook made.</param>
    /// <param name="device">The compute device named in the record; default: the one the library chooses (MLC_DEVICE, else CUDA if present, else CPU).</param>
    public static void Write(string path, IEnumerable<RunRecord> runs, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(runs);
        if (path.Length == 0) return;
        var json = new JsonObject
        {
            ["device"] = device ?? DeviceSelector.Choose().Description,
            ["runs"] = new JsonArray(runs.Select(r => (JsonNode)RunRecordJson.ToJson(r)).ToArray()),
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, json.ToJsonString(), new UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
    }
}

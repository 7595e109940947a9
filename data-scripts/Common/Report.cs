using System.Globalization;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Common;

/// <summary>Progress lines and the closing summary of a script.</summary>
internal sealed class Report(TextWriter output)
{
    public TextWriter Output { get; } = output;

    public void Line(string message) => Output.WriteLine(message);

    /// <summary>A progress line every <paramref name="every"/> records.</summary>
    public void Progress(string file, int records, int every = 100_000)
    {
        if (records > 0 && records % every == 0) Output.WriteLine($"  {file}: {records:N0} records read");
    }

    /// <summary>Counts per split, labels and mean labels per sample, next to the paper's Table I when known.</summary>
    public void Summary(PreparedManifest manifest, string folder, IReadOnlyDictionary<string, double> meanLabels, string? expected = null)
    {
        Output.WriteLine($"Wrote '{folder}' ({manifest.Kind}, {manifest.Labels.Count} labels):");
        foreach (var split in manifest.Splits)
            Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {split.Name,-10} {split.Count,9:N0} rows, {meanLabels.GetValueOrDefault(split.Name):0.00} labels per row"));
        if (expected is not null) Output.WriteLine($"  expected on the full raw data (Table I of the paper): {expected}");
    }
}

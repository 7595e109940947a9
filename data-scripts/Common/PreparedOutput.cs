using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Common;

/// <summary>Writes a prepared dataset atomically and prints the summary; an error anywhere leaves nothing at the target.</summary>
internal static class PreparedOutput
{
    public static PreparedManifest Write(string folder, bool force, PreparedDatasetInfo info, Action<PreparedDatasetWriter> fill,
        Report report, string? expected = null)
    {
        PreparedDatasetWriter writer;
        try
        {
            writer = PreparedDatasetWriter.Create(folder, info, force);
        }
        catch (IOException e)
        {
            throw new DataScriptException(e.Message);
        }
        using (writer)
        {
            report.Line($"Writing {info.Name} to '{writer.TargetFolder}' (via '{Path.GetFileName(writer.TemporaryFolder)}')");
            fill(writer);
            foreach (var (split, count) in writer.Counts)
                if (split == "train" && count == 0)
                    throw new DataScriptException($"Empty input: no training rows for {info.Name}; nothing was written.");
            var manifest = writer.Commit();
            var means = PreparedFormat.SplitNames.ToDictionary(s => s, s => MeanLabels(Path.Combine(writer.TargetFolder, PreparedFormat.LabelsFile(s))));
            report.Summary(manifest, writer.TargetFolder, means, expected);
            return manifest;
        }
    }

    private static double MeanLabels(string labelsFile)
    {
        long rows = 0, labels = 0;
        foreach (var line in File.ReadLines(labelsFile))
        {
            rows++;
            if (line.Length > 0) labels += line.Count(c => c == ' ') + 1;
        }
        return rows == 0 ? 0 : (double)labels / rows;
    }
}

using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Scripts;

/// <summary>
/// yeast: converts the MulSupCon HDF5 files (yeast_official_{train,val,test}.hdf5; feature float64 n×103, target n×14)
/// to a vector dataset, features exactly as stored (the loader standardises them on the training split).
/// </summary>
internal static class YeastScript
{
    /// <summary>Where the MulSupCon repository publishes the files (used when no --from folder is given).</summary>
    public const string DefaultSource = "https://github.com/williamzhangsjtu/MulSupCon/raw/main/data";

    public static void Run(string? from, string? url, string output, bool force, Report report)
    {
        string folder;
        string? downloaded = null;
        if (from is not null)
        {
            folder = Path.GetFullPath(from);
            if (!Directory.Exists(folder)) throw new DataScriptException($"Missing folder: --from '{folder}' does not exist.");
        }
        else
        {
            downloaded = Path.Combine(Path.GetTempPath(), "mlc-yeast-" + Guid.NewGuid().ToString("N"));
            Download(url ?? DefaultSource, downloaded, report);
            folder = downloaded;
        }
        try
        {
            var files = new[] { ("train", YeastDataset.TrainFile), ("validation", YeastDataset.ValidationFile), ("test", YeastDataset.TestFile) }
                .Select(p =>
                {
                    var path = RawFiles.Require(Path.Combine(folder, p.Item2), "yeast split file");
                    report.Line($"Reading {p.Item2}");
                    try { return (Split: p.Item1, File: Hdf5VectorFile.Read(path, YeastDataset.FeatureCount, YeastDataset.LabelCount)); }
                    catch (InvalidDataException e) { throw new DataScriptException(e.Message); }
                }).ToArray();
            var info = new PreparedDatasetInfo
            {
                Name = "yeast", Kind = InputKind.Vector, LabelNames = YeastDataset.LabelNames, FeatureCount = YeastDataset.FeatureCount,
                Description = "yeast (Elisseeff & Weston 2001): 103 gene features, 14 functional classes, the MulSupCon train/validation/test split; features as stored.",
                Source = "data-scripts yeast" + (from is null ? $" (downloaded from {url ?? DefaultSource})" : $" --from {folder}"),
            };
            PreparedOutput.Write(output, force, info, writer =>
            {
                foreach (var (split, file) in files)
                {
                    var row = new double[YeastDataset.FeatureCount];
                    for (var i = 0; i < file.Count; i++)
                    {
                        for (var j = 0; j < row.Length; j++) row[j] = file.Features[i, j];
                        var labels = Enumerable.Range(0, YeastDataset.LabelCount).Where(c => file.Targets[i, c] == 1).ToArray();
                        writer.AddVector(split, i.ToString(System.Globalization.CultureInfo.InvariantCulture), labels, row);
                    }
                }
            }, report, "train 1,200 / validation 300 / test 917 rows, 14 labels, 4.24 labels per row");
        }
        finally
        {
            if (downloaded is not null && Directory.Exists(downloaded)) Directory.Delete(downloaded, recursive: true);
        }
    }

    private static void Download(string baseUrl, string folder, Report report)
    {
        Directory.CreateDirectory(folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        foreach (var name in new[] { YeastDataset.TrainFile, YeastDataset.ValidationFile, YeastDataset.TestFile })
        {
            var url = baseUrl.TrimEnd('/') + "/" + name;
            report.Line($"Downloading {url}");
            try
            {
                var bytes = http.GetByteArrayAsync(url).GetAwaiter().GetResult();
                File.WriteAllBytes(Path.Combine(folder, name), bytes);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                throw new DataScriptException(
                    $"Could not download '{url}' ({e.Message}). Without network, download the three yeast_official_*.hdf5 files " +
                    "from the MulSupCon repository elsewhere and pass their folder with --from <folder>.");
            }
        }
    }
}

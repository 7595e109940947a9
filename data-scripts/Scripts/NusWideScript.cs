using System.Globalization;
using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Scripts;

/// <summary>
/// nuswide: NUS-WIDE's 81-concept ground truth (Concepts81.txt; Groundtruth/AllLabels/Labels_&lt;concept&gt;.txt, one 0/1
/// per image in the order of ImageList/Imagelist.txt) with the official ImageList/TrainImagelist.txt and
/// TestImagelist.txt. Images without any of the 81 concepts are dropped; the official train list is the training split
/// and the official test list is halved by a seeded shuffle into validation and test (Table I: 125.4k / 41.9k / 41.9k).
/// </summary>
internal static class NusWideScript
{
    public static void Run(string folder, string images, int seed, string output, bool force, Report report)
    {
        var concepts = RawFiles.ReadLines(RawFiles.Find(folder, "Concepts81.txt")).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (concepts.Length == 0) throw new DataScriptException("Empty input: Concepts81.txt lists no concepts.");
        var listFolder = Path.Combine(folder, "ImageList");
        var all = ImageList(RawFiles.Find(listFolder, "Imagelist.txt"));
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++) position[all[i]] = i;
        var labels = new List<int>[all.Count];
        for (var i = 0; i < labels.Length; i++) labels[i] = [];
        var labelFolder = Path.Combine(folder, "Groundtruth", "AllLabels");
        for (var c = 0; c < concepts.Length; c++)
        {
            var path = RawFiles.Find(labelFolder, $"Labels_{concepts[c]}.txt");
            var lines = RawFiles.ReadLines(path);
            if (lines.Count != all.Count)
                throw new DataScriptException($"{Path.GetFileName(path)}: {lines.Count:N0} lines but Imagelist.txt lists {all.Count:N0} images.");
            for (var i = 0; i < lines.Count; i++)
            {
                switch (lines[i].Trim())
                {
                    case "1": labels[i].Add(c); break;
                    case "0": break;
                    default: throw new DataScriptException($"{Path.GetFileName(path)}, line {i + 1}: unexpected value '{lines[i].Trim()}' (expected 0 or 1).");
                }
            }
        }
        report.Line($"Read {concepts.Length} concept files for {all.Count:N0} images");
        List<(string Id, int[] Labels)> Rows(string file)
        {
            var path = RawFiles.Find(listFolder, file);
            var list = ImageList(path);
            var rows = new List<(string, int[])>();
            for (var k = 0; k < list.Count; k++)
            {
                if (!position.TryGetValue(list[k], out var i))
                    throw new DataScriptException($"{file}, line {k + 1}: image '{list[k]}' is not in Imagelist.txt.");
                if (labels[i].Count > 0) rows.Add((list[k], labels[i].ToArray()));
            }
            report.Line($"  {file}: {list.Count:N0} images, {rows.Count:N0} with at least one concept");
            return rows;
        }
        var train = Rows("TrainImagelist.txt");
        var (validation, test) = Splits.Halve(Rows("TestImagelist.txt"), r => r.Id, seed);
        var info = new PreparedDatasetInfo
        {
            Name = "nuswide", Kind = InputKind.Image, LabelNames = concepts, ImageRoot = Path.GetFullPath(images),
            Description = $"NUS-WIDE: 81 concepts from the official ground truth; official train list for training, official test list halved (seed {seed}) into validation and test; images without concepts dropped.",
            Source = $"data-scripts nuswide --seed {seed}",
        };
        PreparedOutput.Write(output, force, info, writer =>
        {
            foreach (var (split, rows) in new[] { ("train", train), ("validation", validation), ("test", test) })
                foreach (var row in rows)
                    writer.AddImagePath(split, row.Id, row.Labels, row.Id);
        }, report, "train 125.4k / validation 41.9k / test 41.9k rows, 81 labels, 2.4 labels per row");
    }

    private static List<string> ImageList(string path)
    {
        var list = RawFiles.ReadLines(path).Select(l => l.Trim().Replace('\\', '/')).Where(l => l.Length > 0).ToList();
        if (list.Count == 0) throw new DataScriptException($"Empty input: '{path}' lists no images.");
        return list;
    }
}

using System.Xml;
using System.Xml.Linq;
using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Scripts;

/// <summary>
/// voc: PASCAL VOC 2007 annotations (Annotations/*.xml, ImageSets/Main/{trainval,test}.txt) to 20-label multi-hot rows.
/// trainval is the training split; test is halved by a seeded shuffle into validation and test (Table I: 5.0k / 2.5k /
/// 2.5k). Objects marked difficult count unless --exclude-difficult.
/// </summary>
internal static class VocScript
{
    /// <summary>The 20 VOC classes in the standard order.</summary>
    public static readonly string[] Classes =
    [
        "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
        "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
    ];

    public static void Run(string vocFolder, int seed, bool excludeDifficult, string output, bool force, Report report)
    {
        var sets = Path.Combine(vocFolder, "ImageSets", "Main");
        var annotations = Path.Combine(vocFolder, "Annotations");
        if (!Directory.Exists(annotations)) throw new DataScriptException($"Missing folder: '{Path.GetFullPath(annotations)}' (expected a VOC2007 folder with Annotations/, ImageSets/Main/, JPEGImages/).");
        var trainIds = Mimic3LikeIds(RawFiles.Find(sets, "trainval.txt"));
        var testIds = Mimic3LikeIds(RawFiles.Find(sets, "test.txt"));
        var column = Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        List<(string Id, int[] Labels)> Read(List<string> ids)
        {
            var rows = new List<(string, int[])>();
            foreach (var id in ids)
            {
                var labels = Labels(Path.Combine(annotations, id + ".xml"), column, excludeDifficult);
                if (labels.Length > 0) rows.Add((id, labels));
            }
            return rows;
        }
        report.Line($"Reading {trainIds.Count:N0} trainval and {testIds.Count:N0} test annotations");
        var train = Read(trainIds);
        var (validation, test) = Splits.Halve(Read(testIds), r => r.Id, seed);
        var info = new PreparedDatasetInfo
        {
            Name = "voc2007", Kind = InputKind.Image, LabelNames = Classes, ImageRoot = Path.GetFullPath(vocFolder),
            Description = $"PASCAL VOC 2007: 20 classes from the XML annotations{(excludeDifficult ? " (difficult objects excluded)" : "")}; trainval for training, test halved (seed {seed}) into validation and test.",
            Source = $"data-scripts voc --seed {seed}{(excludeDifficult ? " --exclude-difficult" : "")}",
        };
        PreparedOutput.Write(output, force, info, writer =>
        {
            foreach (var (split, rows) in new[] { ("train", train), ("validation", validation), ("test", test) })
                foreach (var row in rows)
                    writer.AddImagePath(split, row.Id, row.Labels, $"JPEGImages/{row.Id}.jpg");
        }, report, "train 5.0k / validation 2.5k / test 2.5k rows, 20 labels, 1.5 labels per row");
    }

    private static List<string> Mimic3LikeIds(string path)
    {
        var ids = RawFiles.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (ids.Count == 0) throw new DataScriptException($"Empty input: '{path}' lists no image ids.");
        return ids;
    }

    private static int[] Labels(string path, Dictionary<string, int> column, bool excludeDifficult)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new DataScriptException($"Missing file: annotation '{Path.GetFullPath(path)}' of an id listed in ImageSets/Main.");
        XDocument document;
        try { document = XDocument.Load(path, LoadOptions.SetLineInfo); }
        catch (XmlException e) { throw new DataScriptException($"{name}, line {e.LineNumber}: not valid XML ({e.Message})."); }
        var labels = new SortedSet<int>();
        foreach (var obj in document.Descendants("object"))
        {
            var classElement = obj.Element("name");
            var line = ((IXmlLineInfo)(classElement ?? obj)).LineNumber;
            var cls = classElement?.Value.Trim() ?? throw new DataScriptException($"{name}, line {line}: an <object> without <name>.");
            if (!column.TryGetValue(cls, out var c))
                throw new DataScriptException($"{name}, line {line}: unexpected class '{cls}' (not one of the 20 VOC classes).");
            if (excludeDifficult && obj.Element("difficult")?.Value.Trim() == "1") continue;
            labels.Add(c);
        }
        return labels.ToArray();
    }
}

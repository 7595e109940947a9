using System.Globalization;
using System.Text.Json;
using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Scripts;

/// <summary>
/// coco: MS-COCO 2014 instance annotations to 80-label multi-hot rows. train2014 is the training split; val2014 is halved
/// by a seeded shuffle into validation and test (Table I: 82.0k / 20.2k / 20.2k). Images without any instance are
/// dropped. Labels are the 80 categories in category-id order.
/// </summary>
internal static class CocoScript
{
    public static void Run(string annotations, string images, int seed, string output, bool force, Report report)
    {
        var categories = (IReadOnlyList<(int Id, string Name)>?)null;
        var splits = new Dictionary<string, List<(string Id, string Path, int[] Labels)>>();
        foreach (var (part, file) in new[] { ("train2014", "instances_train2014.json"), ("val2014", "instances_val2014.json") })
        {
            var path = RawFiles.Find(annotations, file);
            report.Line($"Reading {file}");
            var (cats, rows) = Read(path, part);
            if (categories is null) categories = cats;
            else if (!categories.SequenceEqual(cats))
                throw new DataScriptException($"{file}: its categories differ from those of instances_train2014.json.");
            splits[part] = rows;
            report.Line($"  {rows.Count:N0} images with at least one instance");
        }
        var (validation, test) = Splits.Halve(splits["val2014"], r => r.Id, seed);
        var info = new PreparedDatasetInfo
        {
            Name = "coco2014", Kind = InputKind.Image, LabelNames = categories!.Select(c => c.Name).ToArray(), ImageRoot = Path.GetFullPath(images),
            Description = $"MS-COCO 2014: 80 object categories from the instance annotations; train2014 for training, val2014 halved (seed {seed}) into validation and test; images without instances dropped.",
            Source = $"data-scripts coco --seed {seed}",
        };
        PreparedOutput.Write(output, force, info, writer =>
        {
            foreach (var (split, rows) in new[] { ("train", splits["train2014"]), ("validation", validation), ("test", test) })
                foreach (var row in rows)
                    writer.AddImagePath(split, row.Id, row.Labels, row.Path);
        }, report, "train 82.0k / validation 20.2k / test 20.2k rows, 80 labels, 2.9 labels per row");
    }

    private static (List<(int, string)> Categories, List<(string, string, int[])> Rows) Read(string path, string part)
    {
        var name = Path.GetFileName(path);
        JsonDocument document;
        try
        {
            using var stream = RawFiles.OpenText(path);
            document = JsonDocument.Parse(stream.ReadToEnd());
        }
        catch (JsonException e)
        {
            throw new DataScriptException($"{name}, line {e.LineNumber + 1}: not valid JSON ({e.Message}).");
        }
        using (document)
        {
            var root = document.RootElement;
            JsonElement Array(string key) =>
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array
                    ? value
                    : throw new DataScriptException($"{name}: wrong structure — no \"{key}\" array (a COCO instances file has images, annotations and categories).");
            var categories = new List<(int, string)>();
            var index = 0;
            foreach (var c in Array("categories").EnumerateArray())
            {
                categories.Add((Int(c, "id", name, "categories", index), Str(c, "name", name, "categories", index)));
                index++;
            }
            if (categories.Count == 0) throw new DataScriptException($"Empty input: {name} lists no categories.");
            categories.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            var column = categories.Select((c, i) => (c.Item1, i)).ToDictionary(p => p.Item1, p => p.i);

            var files = new Dictionary<int, string>();
            index = 0;
            foreach (var image in Array("images").EnumerateArray())
            {
                files[Int(image, "id", name, "images", index)] = Str(image, "file_name", name, "images", index);
                index++;
            }
            if (files.Count == 0) throw new DataScriptException($"Empty input: {name} lists no images.");
            var labels = new Dictionary<int, SortedSet<int>>();
            index = 0;
            foreach (var annotation in Array("annotations").EnumerateArray())
            {
                var imageId = Int(annotation, "image_id", name, "annotations", index);
                var category = Int(annotation, "category_id", name, "annotations", index);
                if (!column.TryGetValue(category, out var c))
                    throw new DataScriptException($"{name}: annotations[{index}] has unexpected category_id {category} (not among the {categories.Count} categories).");
                if (!files.ContainsKey(imageId))
                    throw new DataScriptException($"{name}: annotations[{index}] refers to image_id {imageId}, which is not among the images.");
                if (!labels.TryGetValue(imageId, out var set)) labels[imageId] = set = [];
                set.Add(c);
                index++;
            }
            var rows = labels.OrderBy(kv => kv.Key)
                .Select(kv => (kv.Key.ToString(CultureInfo.InvariantCulture), $"{part}/{files[kv.Key]}", kv.Value.ToArray())).ToList();
            return (categories, rows);
        }
    }

    private static int Int(JsonElement e, string key, string file, string array, int index) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw new DataScriptException($"{file}: {array}[{index}] lacks an integer \"{key}\".");

    private static string Str(JsonElement e, string key, string file, string array, int index) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new DataScriptException($"{file}: {array}[{index}] lacks a \"{key}\" string.");
}

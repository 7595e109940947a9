using System.Text.Json.Nodes;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Tests.Prepared;

public class PreparedDatasetTests
{
    private static PreparedDatasetInfo TextInfo => new()
    {
        Name = "tiny-text", Kind = InputKind.Tokens, LabelNames = ["a", "b", "c"], Description = "unit test", Source = "tests",
    };

    private static void WriteText(string folder, bool overwrite = false)
    {
        using var writer = PreparedDatasetWriter.Create(folder, TextInfo, overwrite);
        writer.AddText("train", "1", [0, 2], "first line\nwith a break");
        writer.AddText("train", "2", [1], "second\tdocument");
        writer.AddText("validation", "3", [2, 0], "third");
        writer.AddText("test", "4", [], "fourth");
        writer.Commit();
    }

    [Fact]
    public void TextRoundTripsFieldByField()
    {
        using var temp = new TempFolder();
        WriteText(temp["ds"]);
        var manifest = PreparedDataset.ReadManifest(temp["ds"]);
        Assert.Equal("tiny-text", manifest.Name);
        Assert.Equal(new[] { 2, 1, 1 }, manifest.Splits.Select(s => s.Count));
        Assert.Equal(9, manifest.Files.Count);
        var train = PreparedDataset.ReadSplit(temp["ds"], manifest, "train");
        Assert.Equal(["1", "2"], train.Ids);
        Assert.Equal(["first line with a break", "second document"], train.Texts!);
        Assert.Equal([0, 2], train.LabelIndices[0]);
        var validation = PreparedDataset.ReadSplit(temp["ds"], manifest, "validation");
        Assert.Equal([0, 2], validation.LabelIndices[0]);
        Assert.Empty(PreparedDataset.ReadSplit(temp["ds"], manifest, "test").LabelIndices[0]);

        using var dataset = PreparedDataset.Load(temp["ds"]);
        Assert.Equal(InputKind.Tokens, dataset.Kind);
        Assert.Equal(new float[] { 1, 0, 1, 0, 1, 0 }, dataset.Train.Labels.data<float>().ToArray());
        Assert.False(dataset.IsSurrogate);
        Assert.Equal(3, dataset.LabelCount);
    }

    [Fact]
    public void VectorRoundTripsExactly()
    {
        using var temp = new TempFolder();
        var info = new PreparedDatasetInfo { Name = "v", Kind = InputKind.Vector, LabelNames = ["x", "y"], Description = "d", FeatureCount = 2 };
        using (var writer = PreparedDatasetWriter.Create(temp["v"], info))
        {
            writer.AddVector("train", "r0", [0], [0.1, -2.5]);
            writer.AddVector("train", "r1", [1], [1e-300, 3.0]);
            writer.AddVector("test", "r2", [0, 1], [7, 8]);
            Assert.Throws<ArgumentException>(() => writer.AddVector("train", "bad", [0], [1.0]));
            Assert.Throws<ArgumentException>(() => writer.AddVector("train", "bad", [2], [1.0, 2.0]));
            Assert.Throws<ArgumentException>(() => writer.AddVector("dev", "bad", [0], [1.0, 2.0]));
            writer.Commit();
        }
        var manifest = PreparedDataset.ReadManifest(temp["v"]);
        var train = PreparedDataset.ReadSplit(temp["v"], manifest, "train");
        Assert.Equal(1e-300, train.Features![1, 0]);
        Assert.Equal(-2.5, train.Features[0, 1]);
        using var raw = PreparedDataset.Load(temp["v"], new PreparedLoadOptions { StandardizeFeatures = false });
        Assert.Equal(new float[] { 0.1f, -2.5f, 0, 3 }, raw.Train.Inputs.data<float>().ToArray());
        Assert.Equal(0, raw.Validation.Count);
    }

    [Fact]
    public void ImageFilesInsideTheDatasetAreDecodedAndResized()
    {
        using var temp = new TempFolder();
        var info = new PreparedDatasetInfo { Name = "i", Kind = InputKind.Image, LabelNames = ["red"], Description = "d", ImageRoot = "." };
        using (var writer = PreparedDatasetWriter.Create(temp["i"], info))
        {
            writer.AddImageFile("train", "0", [0], "images/train/0.png", Png.Solid(16, 12, 255, 0, 0));
            writer.AddImageFile("train", "1", [], "images/train/1.png", Png.Solid(4, 4, 0, 0, 255));
            writer.Commit();
        }
        Assert.Contains(PreparedDataset.ReadManifest(temp["i"]).Files, f => f.Path == "images/train/0.png");
        using var d = PreparedDataset.Load(temp["i"], new PreparedLoadOptions { ImageSize = 8 });
        Assert.Equal([2L, 3L, 8L, 8L], d.Train.Inputs.shape);
        using var scope = NewDisposeScope();
        Assert.Equal(1f, d.Train.Inputs[0, 0].mean().item<float>(), 3);
        Assert.Equal(0f, d.Train.Inputs[0, 2].mean().item<float>(), 3);
        Assert.Equal(1f, d.Train.Inputs[1, 2].mean().item<float>(), 3);
    }

    [Fact]
    public void ExistingDatasetIsNotOverwrittenWithoutForce()
    {
        using var temp = new TempFolder();
        WriteText(temp["ds"]);
        var e = Assert.Throws<IOException>(() => PreparedDatasetWriter.Create(temp["ds"], TextInfo));
        Assert.Contains("--force", e.Message);
        WriteText(temp["ds"], overwrite: true);
        Assert.Equal("tiny-text", PreparedDataset.ReadManifest(temp["ds"]).Name);
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void InterruptedWriteLeavesNothingAndKeepsTheOldDataset()
    {
        using var temp = new TempFolder();
        using (var writer = PreparedDatasetWriter.Create(temp["new"], TextInfo))
        {
            writer.AddText("train", "1", [0], "text");
            Assert.True(Directory.Exists(writer.TemporaryFolder));
        } // disposed without Commit: an interrupted run
        Assert.False(Directory.Exists(temp["new"]));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));

        WriteText(temp["old"]);
        var before = File.ReadAllText(Path.Combine(temp["old"], "manifest.json"));
        using (var writer = PreparedDatasetWriter.Create(temp["old"], TextInfo, overwrite: true))
            writer.AddText("train", "9", [1], "partial replacement");
        Assert.Equal(before, File.ReadAllText(Path.Combine(temp["old"], "manifest.json")));
        Assert.Equal(2, PreparedDataset.ReadManifest(temp["old"]).Count("train"));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void EmptyTrainingSplitIsNotCommitted()
    {
        using var temp = new TempFolder();
        using var writer = PreparedDatasetWriter.Create(temp["e"], TextInfo);
        writer.AddText("test", "1", [0], "only test");
        Assert.Throws<InvalidOperationException>(() => writer.Commit());
        writer.Dispose();
        Assert.False(Directory.Exists(temp["e"]));
    }

    [Fact]
    public void AlteredTruncatedOrMissingFilesAreDetected()
    {
        using var temp = new TempFolder();
        WriteText(temp["ds"]);
        var labels = Path.Combine(temp["ds"], "train.labels.txt");
        File.WriteAllText(labels, "0 2\n0\n");
        var changed = Assert.Throws<InvalidDataException>(() => PreparedDataset.Load(temp["ds"]));
        Assert.Contains("train.labels.txt", changed.Message);
        Assert.Contains("SHA-256", changed.Message);

        WriteText(temp["ds"], overwrite: true);
        var text = Path.Combine(temp["ds"], "train.text.txt");
        File.WriteAllBytes(text, File.ReadAllBytes(text)[..5]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => PreparedDataset.Load(temp["ds"])).Message);

        WriteText(temp["ds"], overwrite: true);
        File.Delete(Path.Combine(temp["ds"], "test.ids.txt"));
        Assert.Contains("missing", Assert.Throws<InvalidDataException>(() => PreparedDataset.Load(temp["ds"])).Message);

        WriteText(temp["ds"], overwrite: true);
        File.Delete(Path.Combine(temp["ds"], "manifest.json"));
        Assert.Contains("interrupted", Assert.Throws<InvalidDataException>(() => PreparedDataset.Load(temp["ds"])).Message);
    }

    [Fact]
    public void ManifestCountsAndLabelLinesAreChecked()
    {
        using var temp = new TempFolder();
        WriteText(temp["ds"]);
        var manifestPath = Path.Combine(temp["ds"], "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        json["splits"]![0]!["count"] = 3;
        File.WriteAllText(manifestPath, json.ToJsonString());
        Assert.Contains("manifest says 3 rows", Assert.Throws<InvalidDataException>(() => PreparedDataset.Load(temp["ds"])).Message);

        json["splits"]![0]!["count"] = 2;
        json["formatVersion"] = 99;
        File.WriteAllText(manifestPath, json.ToJsonString());
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => PreparedDataset.Load(temp["ds"])).Message);

        // A label line out of range, with the checksum updated so that only the content check can catch it.
        json["formatVersion"] = 1;
        var labels = Path.Combine(temp["ds"], "train.labels.txt");
        File.WriteAllText(labels, "0 2\n7\n");
        var entry = PreparedDatasetWriter.Describe(temp["ds"], "train.labels.txt");
        foreach (var file in json["files"]!.AsArray())
            if ((string)file!["path"]! == "train.labels.txt") { file["bytes"] = entry.Bytes; file["sha256"] = entry.Sha256; }
        File.WriteAllText(manifestPath, json.ToJsonString());
        var bad = Assert.Throws<InvalidDataException>(() => PreparedDataset.Load(temp["ds"]));
        Assert.Contains("train.labels.txt, line 2", bad.Message);
    }
}

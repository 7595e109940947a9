using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Data.Tests.Support;

namespace MultiLabelContrastive.Data.Tests.DataScripts;

public class OtherScriptTests
{
    private static string CocoJson(string part, int firstImage, string extraAnnotation = "") =>
        $$"""
        {"info": {}, "images": [
          {"id": {{firstImage}}, "file_name": "COCO_{{part}}_{{firstImage:D12}}.jpg"},
          {"id": {{firstImage + 1}}, "file_name": "COCO_{{part}}_{{firstImage + 1:D12}}.jpg"},
          {"id": {{firstImage + 2}}, "file_name": "COCO_{{part}}_{{firstImage + 2:D12}}.jpg"},
          {"id": {{firstImage + 3}}, "file_name": "COCO_{{part}}_{{firstImage + 3:D12}}.jpg"},
          {"id": {{firstImage + 4}}, "file_name": "COCO_{{part}}_{{firstImage + 4:D12}}.jpg"}],
         "annotations": [
          {"id": 1, "image_id": {{firstImage}}, "category_id": 18},
          {"id": 2, "image_id": {{firstImage}}, "category_id": 1},
          {"id": 3, "image_id": {{firstImage}}, "category_id": 1},
          {"id": 4, "image_id": {{firstImage + 1}}, "category_id": 3},
          {"id": 5, "image_id": {{firstImage + 3}}, "category_id": 18},
          {"id": 6, "image_id": {{firstImage + 4}}, "category_id": 1}{{extraAnnotation}}],
         "categories": [{"id": 3, "name": "car"}, {"id": 1, "name": "person"}, {"id": 18, "name": "dog"}]}
        """;

    [Fact]
    public void CocoInstancesBecomeMultiHotRows()
    {
        using var temp = new TempFolder();
        var annotations = Directory.CreateDirectory(temp["coco/annotations"]).FullName;
        File.WriteAllText(Path.Combine(annotations, "instances_train2014.json"), CocoJson("train2014", 10));
        File.WriteAllText(Path.Combine(annotations, "instances_val2014.json"), CocoJson("val2014", 20));
        var manifest = ScriptRunner.Ok(temp["out"], "coco", "--annotations", annotations);
        Assert.Equal(["person", "car", "dog"], manifest.Labels); // category-id order 1, 3, 18
        Assert.Equal([4, 2, 2], manifest.Splits.Select(s => s.Count)); // image 12 has no instance
        Assert.Equal(Path.GetFullPath(temp["coco"]), manifest.ImageRoot);
        var train = PreparedDataset.ReadSplit(temp["out"], manifest, "train");
        Assert.Equal(["10", "11", "13", "14"], train.Ids);
        Assert.Equal([0, 2], train.LabelIndices[0]);
        Assert.Equal([1], train.LabelIndices[1]);
        Assert.Equal(Path.Combine(Path.GetFullPath(temp["coco"]), "train2014", "COCO_train2014_000000000010.jpg"), train.ImagePaths![0]);
        var evaluation = PreparedDataset.ReadSplit(temp["out"], manifest, "validation").Ids
            .Concat(PreparedDataset.ReadSplit(temp["out"], manifest, "test").Ids).Order().ToArray();
        Assert.Equal(["20", "21", "23", "24"], evaluation);

        File.WriteAllText(Path.Combine(annotations, "instances_val2014.json"), CocoJson("val2014", 20, ", {\"id\": 7, \"image_id\": 20, \"category_id\": 99}"));
        Assert.Contains("annotations[6] has unexpected category_id 99", ScriptRunner.Fails(temp["bad"], "coco", "--annotations", annotations));
        File.WriteAllText(Path.Combine(annotations, "instances_val2014.json"), "{\"images\": [], \"annotations\": []}");
        Assert.Contains("no \"categories\" array", ScriptRunner.Fails(temp["bad"], "coco", "--annotations", annotations));
    }

    private static string VocXml(params (string Name, int Difficult)[] objects) =>
        "<annotation>\n  <filename>x.jpg</filename>\n" +
        string.Concat(objects.Select(o => $"  <object>\n    <name>{o.Name}</name>\n    <difficult>{o.Difficult}</difficult>\n  </object>\n")) +
        "</annotation>\n";

    [Fact]
    public void VocAnnotationsBecomeTwentyLabelRows()
    {
        using var temp = new TempFolder();
        var voc = temp["VOC2007"];
        Directory.CreateDirectory(Path.Combine(voc, "Annotations"));
        Directory.CreateDirectory(Path.Combine(voc, "ImageSets", "Main"));
        File.WriteAllText(Path.Combine(voc, "ImageSets", "Main", "trainval.txt"), "000005\n000007\n");
        File.WriteAllText(Path.Combine(voc, "ImageSets", "Main", "test.txt"), "000001\n000002\n");
        File.WriteAllText(Path.Combine(voc, "Annotations", "000005.xml"), VocXml(("chair", 0), ("chair", 1), ("person", 0)));
        File.WriteAllText(Path.Combine(voc, "Annotations", "000007.xml"), VocXml(("car", 1)));
        File.WriteAllText(Path.Combine(voc, "Annotations", "000001.xml"), VocXml(("dog", 0), ("person", 0)));
        File.WriteAllText(Path.Combine(voc, "Annotations", "000002.xml"), VocXml(("train", 0)));
        var manifest = ScriptRunner.Ok(temp["out"], "voc", "--voc", voc);
        Assert.Equal(20, manifest.Labels.Count);
        Assert.Equal("aeroplane", manifest.Labels[0]);
        Assert.Equal([2, 1, 1], manifest.Splits.Select(s => s.Count));
        var train = PreparedDataset.ReadSplit(temp["out"], manifest, "train");
        Assert.Equal([8, 14], train.LabelIndices[0]); // chair, person
        Assert.Equal([6], train.LabelIndices[1]);     // car (difficult counts by default)
        Assert.EndsWith(Path.Combine("VOC2007", "JPEGImages", "000005.jpg"), train.ImagePaths![0]);

        var strict = ScriptRunner.Ok(temp["strict"], "voc", "--voc", voc, "--exclude-difficult");
        Assert.Equal([1, 1, 1], strict.Splits.Select(s => s.Count)); // 000007 has only a difficult car

        File.WriteAllText(Path.Combine(voc, "Annotations", "000002.xml"), VocXml(("train", 0), ("unicorn", 0)));
        Assert.Contains("000002.xml, line 8: unexpected class 'unicorn'", ScriptRunner.Fails(temp["bad"], "voc", "--voc", voc));
        File.Delete(Path.Combine(voc, "Annotations", "000002.xml"));
        Assert.Contains("Missing file: annotation", ScriptRunner.Fails(temp["bad"], "voc", "--voc", voc));
    }

    [Fact]
    public void NusWideGroundTruthBecomesRows()
    {
        using var temp = new TempFolder();
        var root = temp["nus"];
        Directory.CreateDirectory(Path.Combine(root, "ImageList"));
        Directory.CreateDirectory(Path.Combine(root, "Groundtruth", "AllLabels"));
        File.WriteAllText(Path.Combine(root, "Concepts81.txt"), "airport\nanimal\nbeach\n");
        File.WriteAllText(Path.Combine(root, "ImageList", "Imagelist.txt"), "C:\\ImageData\\a\\1.jpg\nC:\\ImageData\\a\\2.jpg\nC:\\ImageData\\b\\3.jpg\nC:\\ImageData\\b\\4.jpg\nC:\\ImageData\\b\\5.jpg\n".Replace("C:\\ImageData\\", ""));
        File.WriteAllText(Path.Combine(root, "ImageList", "TrainImagelist.txt"), "a\\1.jpg\na\\2.jpg\nb\\3.jpg\n");
        File.WriteAllText(Path.Combine(root, "ImageList", "TestImagelist.txt"), "b\\4.jpg\nb\\5.jpg\n");
        File.WriteAllText(Path.Combine(root, "Groundtruth", "AllLabels", "Labels_airport.txt"), "1\n0\n0\n1\n0\n");
        File.WriteAllText(Path.Combine(root, "Groundtruth", "AllLabels", "Labels_animal.txt"), "1\n0\n1\n0\n1\n");
        File.WriteAllText(Path.Combine(root, "Groundtruth", "AllLabels", "Labels_beach.txt"), "0\n0\n1\n0\n0\n");
        var manifest = ScriptRunner.Ok(temp["out"], "nuswide", "--nuswide", root, "--images", temp["flickr"]);
        Assert.Equal(["airport", "animal", "beach"], manifest.Labels);
        Assert.Equal([2, 1, 1], manifest.Splits.Select(s => s.Count)); // 2.jpg has no concept
        var train = PreparedDataset.ReadSplit(temp["out"], manifest, "train");
        Assert.Equal(["a/1.jpg", "b/3.jpg"], train.Ids);
        Assert.Equal([1, 2], train.LabelIndices[1]);
        Assert.Equal(Path.Combine(Path.GetFullPath(temp["flickr"]), "b", "3.jpg"), train.ImagePaths![1]);

        File.WriteAllText(Path.Combine(root, "Groundtruth", "AllLabels", "Labels_beach.txt"), "0\n0\n2\n0\n0\n");
        Assert.Contains("Labels_beach.txt, line 3: unexpected value '2'", ScriptRunner.Fails(temp["bad"], "nuswide", "--nuswide", root));
        File.WriteAllText(Path.Combine(root, "Groundtruth", "AllLabels", "Labels_beach.txt"), "0\n0\n");
        Assert.Contains("2 lines but Imagelist.txt lists 5", ScriptRunner.Fails(temp["bad"], "nuswide", "--nuswide", root));
    }

    private static string Aapd(TempFolder temp)
    {
        var root = Directory.CreateDirectory(temp["aapd"]).FullName;
        File.WriteAllText(Path.Combine(root, "text_train"), "we study channel capacity\nneural networks learn\nrandom graphs\nbandit regret bounds\n");
        File.WriteAllText(Path.Combine(root, "label_train"), "cs.IT math.IT\ncs.LG stat.ML\nmath.CO\ncs.LG\n");
        File.WriteAllText(Path.Combine(root, "text_val"), "coding theory\n");
        File.WriteAllText(Path.Combine(root, "label_val"), "cs.IT\n");
        File.WriteAllText(Path.Combine(root, "text_test"), "deep learning theory\n");
        File.WriteAllText(Path.Combine(root, "label_test"), "cs.LG stat.ML\n");
        return root;
    }

    [Fact]
    public void AapdOfficialAndResplit()
    {
        using var temp = new TempFolder();
        var root = Aapd(temp);
        var manifest = ScriptRunner.Ok(temp["out"], "aapd", "--aapd", root);
        Assert.Equal(["cs.IT", "cs.LG", "math.CO", "math.IT", "stat.ML"], manifest.Labels);
        Assert.Equal([4, 1, 1], manifest.Splits.Select(s => s.Count));
        var train = PreparedDataset.ReadSplit(temp["out"], manifest, "train");
        Assert.Equal("we study channel capacity", train.Texts![0]);
        Assert.Equal([0, 3], train.LabelIndices[0]);
        Assert.Equal("train:2", train.Ids[1]);

        var resplit = ScriptRunner.Ok(temp["re"], "aapd", "--aapd", root, "--split", "resplit", "--test-fraction", "0.34", "--validation-fraction", "0.25", "--seed", "3");
        Assert.Equal([3, 1, 2], resplit.Splits.Select(s => s.Count));
        var again = ScriptRunner.Ok(temp["re2"], "aapd", "--aapd", root, "--split", "resplit", "--test-fraction", "0.34", "--validation-fraction", "0.25", "--seed", "3");
        Assert.Equal(PreparedDataset.ReadSplit(temp["re"], resplit, "test").Ids, PreparedDataset.ReadSplit(temp["re2"], again, "test").Ids);

        File.WriteAllText(Path.Combine(root, "label_val"), "cs.IT\nextra line\n");
        Assert.Contains("text_val has 1 lines but label_val has 2", ScriptRunner.Fails(temp["bad"], "aapd", "--aapd", root));
        File.WriteAllText(Path.Combine(root, "label_val"), "CS IT!\n");
        Assert.Contains("label_val, line 1: unexpected label 'CS'", ScriptRunner.Fails(temp["bad"], "aapd", "--aapd", root));
    }

    [Fact]
    public void YeastFromTheSharedFilesMatchesTheHdf5ContentsExactly()
    {
        using var temp = new TempFolder();
        var manifest = ScriptRunner.Ok(temp["out"], "yeast", "--from", RepositoryRoot.YeastFolder);
        Assert.Equal([1200, 300, 917], manifest.Splits.Select(s => s.Count));
        Assert.Equal(103, manifest.FeatureCount);
        foreach (var (split, file) in new[] { ("train", YeastDataset.TrainFile), ("validation", YeastDataset.ValidationFile), ("test", YeastDataset.TestFile) })
        {
            var source = Hdf5VectorFile.Read(Path.Combine(RepositoryRoot.YeastFolder, file));
            var prepared = PreparedDataset.ReadSplit(temp["out"], manifest, split);
            Assert.Equal(source.Features, prepared.Features);
            for (var i = 0; i < source.Count; i++)
                Assert.Equal(Enumerable.Range(0, 14).Where(c => source.Targets[i, c] == 1), prepared.LabelIndices[i]);
        }
        using var viaPrepared = PreparedDataset.Load(temp["out"]);
        using var direct = YeastDataset.Load(RepositoryRoot.YeastFolder);
        Assert.True(viaPrepared.Test.Inputs.allclose(direct.Test.Inputs, rtol: 0, atol: 1e-6));
        Assert.True(viaPrepared.Test.Labels.equal(direct.Test.Labels).all().item<bool>());

        Assert.Contains("Missing folder", ScriptRunner.Fails(temp["bad"], "yeast", "--from", temp["nowhere"]));
    }

    [Fact]
    public void SyntheticProfilesAreWrittenAndLoadBack()
    {
        using var temp = new TempFolder();
        var images = ScriptRunner.Ok(temp["voc"], "synthetic", "--profile", "voc-like", "--scale", "0.01", "--seed", "4");
        Assert.True(images.IsSurrogate);
        Assert.Equal([50, 25, 25], images.Splits.Select(s => s.Count));
        using (var d = PreparedDataset.Load(temp["voc"], new PreparedLoadOptions { ImageSize = 32 }))
        using (var direct = SyntheticProfiles.Get("voc-like", 0.01, seed: 4))
        {
            Assert.True(d.IsSurrogate);
            Assert.True(d.Train.Labels.equal(direct.Train.Labels).all().item<bool>());
            // PNG stores 8 bits per channel: within half a grey level.
            Assert.True(d.Train.Inputs.allclose(direct.Train.Inputs, rtol: 0, atol: 0.5 / 255 + 1e-6));
        }
        var text = ScriptRunner.Ok(temp["aapd"], "synthetic", "--profile", "aapd-like", "--scale", "0.002");
        Assert.Equal("tokens", text.Kind);
        using (var d = PreparedDataset.Load(temp["aapd"], new PreparedLoadOptions { Text = new() { MaxLength = 256 } }))
        using (var direct = SyntheticProfiles.Get("aapd-like", 0.002))
        {
            Assert.True(d.Train.Inputs.equal(direct.Train.Inputs).all().item<bool>());
            Assert.Contains("Surrogate", d.Description);
        }
        Assert.Contains("Unknown synthetic profile", ScriptRunner.Fails(temp["bad"], "synthetic", "--profile", "imagenet-like"));
    }

    [Theory]
    [InlineData("mimic3", "--splits")]
    [InlineData("mimic4", "--min-count")]
    [InlineData("coco", "--annotations")]
    [InlineData("voc", "--exclude-difficult")]
    [InlineData("nuswide", "--nuswide")]
    [InlineData("aapd", "--split")]
    [InlineData("yeast", "--from")]
    [InlineData("synthetic", "--profile")]
    public void EveryCommandHasHelp(string command, string option)
    {
        var result = ScriptRunner.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.Output);
        Assert.Contains("--out", result.Output);
        Assert.Contains("--force", result.Output);
    }

    [Fact]
    public void MissingRequiredOptionIsAUsageError()
    {
        var result = ScriptRunner.Run("voc", "--voc", "somewhere");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }
}

using MultiLabelContrastive.Data.Tests.Support;
using PureHDF;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Tests;

public class YeastDatasetTests
{
    [Fact]
    public void LoadsTheSharedSplitsWithTheirCounts()
    {
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
        Assert.Equal(InputKind.Vector, yeast.Kind);
        Assert.False(yeast.IsSurrogate);
        Assert.Equal(14, yeast.LabelCount);
        Assert.Equal([103L], yeast.RowShape);
        Assert.Equal(1200, yeast.Train.Count);
        Assert.Equal(300, yeast.Validation.Count);
        Assert.Equal(917, yeast.Test.Count);
        Assert.Contains("z-scored", yeast.Description);
    }

    [Fact]
    public void StandardisesWithTrainStatistics()
    {
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
        using var raw = YeastDataset.Load(RepositoryRoot.YeastFolder, standardize: false);
        using var scope = NewDisposeScope();
        var x = yeast.Train.Inputs.to(ScalarType.Float64);
        Assert.True(x.mean([0L]).abs().max().item<double>() < 1e-5);
        Assert.True((x.std([0L], unbiased: false) - 1).abs().max().item<double>() < 1e-4);
        // Test rows use the train mean/std, so the test split is not itself centred exactly.
        var r = raw.Train.Inputs.to(ScalarType.Float64);
        var mu = r.mean([0L]);
        var sigma = r.std([0L], unbiased: false);
        var expected = (raw.Test.Inputs.to(ScalarType.Float64) - mu) / sigma;
        Assert.True((expected - yeast.Test.Inputs.to(ScalarType.Float64)).abs().max().item<double>() < 1e-4);
        Assert.True(yeast.Test.Inputs.mean([0L]).abs().max().item<float>() > 1e-4);
    }

    [Fact]
    public void RawLoadMatchesTheHdf5ContentsExactly()
    {
        var path = Path.Combine(RepositoryRoot.YeastFolder, YeastDataset.ValidationFile);
        double[,] feature;
        long[,] target;
        using (var file = H5File.OpenRead(path))
        {
            feature = file.Dataset("feature").Read<double[,]>();
            target = file.Dataset("target").Read<long[,]>();
        }
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder, standardize: false);
        var x = yeast.Validation.Inputs.data<float>().ToArray();
        var y = yeast.Validation.Labels.data<float>().ToArray();
        for (var i = 0; i < 300; i++)
        {
            for (var j = 0; j < 103; j++) Assert.Equal((float)feature[i, j], x[i * 103 + j]);
            for (var j = 0; j < 14; j++) Assert.Equal(target[i, j], (long)y[i * 14 + j]);
        }
        Assert.True(y.Sum() > 300, "yeast has several labels per row");
    }

    [Fact]
    public void MissingFolderAndMissingFileAreNamed()
    {
        using var temp = new TempFolder();
        Assert.Throws<DirectoryNotFoundException>(() => YeastDataset.Load(temp["nothing"]));
        var e = Assert.Throws<FileNotFoundException>(() => YeastDataset.Load(temp.Path));
        Assert.Contains(YeastDataset.TrainFile, e.Message);
    }

    [Fact]
    public void CorruptFileIsRejectedNamingTheFile()
    {
        using var temp = new TempFolder();
        CopyYeast(temp.Path);
        var train = temp[YeastDataset.TrainFile];
        var bytes = File.ReadAllBytes(train);
        File.WriteAllBytes(train, bytes[..(bytes.Length / 3)]);
        var truncated = Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path));
        Assert.Contains(YeastDataset.TrainFile, truncated.Message);

        File.WriteAllText(train, "feature,target\n1,0\n");
        var text = Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path));
        Assert.Contains(YeastDataset.TrainFile, text.Message);
    }

    [Fact]
    public void WrongShapeMissingDatasetAndNonBinaryTargetAreRejected()
    {
        using var temp = new TempFolder();
        CopyYeast(temp.Path);
        var val = temp[YeastDataset.ValidationFile];

        Write(val, new double[5, 100], new long[5, 14]);
        var width = Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path));
        Assert.Contains("5 × 100", width.Message);
        Assert.Contains(YeastDataset.ValidationFile, width.Message);

        Write(val, new double[5, 103], new long[4, 14]);
        Assert.Contains("5 rows", Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path)).Message);

        new H5File { ["feature"] = new double[5, 103] }.Write(val);
        Assert.Contains("no dataset 'target'", Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path)).Message);

        new H5File { ["feature"] = new double[5 * 103], ["target"] = new long[5, 14] }.Write(val);
        Assert.Contains("2-D", Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path)).Message);

        var target = new long[5, 14];
        target[3, 7] = 2;
        Write(val, new double[5, 103], target);
        var binary = Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path));
        Assert.Contains("row 3, column 7", binary.Message);
        Assert.Contains(YeastDataset.ValidationFile, binary.Message);

        var feature = new double[5, 103];
        feature[1, 2] = double.NaN;
        Write(val, feature, new long[5, 14]);
        Assert.Contains("row 1, column 2", Assert.Throws<InvalidDataException>(() => YeastDataset.Load(temp.Path)).Message);
    }

    [Fact]
    public void AcceptsOtherNumericWidthsInTheSameLayout()
    {
        using var temp = new TempFolder();
        var path = temp["small.hdf5"];
        new H5File { ["feature"] = new float[,] { { 1.5f, 2 }, { 3, 4 } }, ["target"] = new int[,] { { 1, 0, 1 }, { 0, 0, 1 } } }.Write(path);
        var file = Hdf5VectorFile.Read(path);
        Assert.Equal(2, file.Count);
        Assert.Equal(1.5, file.Features[0, 0]);
        Assert.Equal(1L, file.Targets[1, 2]);
    }

    private static void Write(string path, double[,] feature, long[,] target) =>
        new H5File { ["feature"] = feature, ["target"] = target }.Write(path);

    private static void CopyYeast(string destination)
    {
        foreach (var name in new[] { YeastDataset.TrainFile, YeastDataset.ValidationFile, YeastDataset.TestFile })
            File.Copy(Path.Combine(RepositoryRoot.YeastFolder, name), Path.Combine(destination, name));
    }
}

using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Tests;

public class DatasetAbstractionTests
{
    private static Tensor Labels(params float[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    [Fact]
    public void VectorSplitKeepsTensorsAndCounts()
    {
        using var split = new DatasetSplit("train", InputKind.Vector, randn(4, 5), Labels([1, 0], [0, 1], [1, 1], [0, 0]));
        Assert.Equal(4, split.Count);
        Assert.Equal(2, split.LabelCount);
        Assert.Equal([5L], split.RowShape);
    }

    [Fact]
    public void RejectsNonBinaryLabelsNamingRowAndColumn()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new DatasetSplit("train", InputKind.Vector, randn(3, 2), Labels([1, 0], [0, 1], [0, 0.5f])));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("row 2, column 1", e.Message);
    }

    [Fact]
    public void RejectsRowCountMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new DatasetSplit("train", InputKind.Vector, randn(3, 2), Labels([1, 0], [0, 1])));
        Assert.Contains("3 rows", e.Message);
        Assert.Contains("2", e.Message);
    }

    [Theory]
    [InlineData(InputKind.Vector, new long[] { 2, 3, 4 })]
    [InlineData(InputKind.Tokens, new long[] { 2 })]
    [InlineData(InputKind.Image, new long[] { 2, 1, 4, 4 })]
    public void RejectsWrongShapePerKind(InputKind kind, long[] shape)
    {
        var inputs = kind == InputKind.Tokens ? zeros(shape, ScalarType.Int64) : rand(shape);
        var e = Assert.Throws<ArgumentException>(() => new DatasetSplit("s", kind, inputs, Labels([1], [0])));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("[" + string.Join(", ", shape) + "]", e.Message);
    }

    [Fact]
    public void RejectsWrongDtypesAndValues()
    {
        Assert.Contains("int64", Assert.Throws<ArgumentException>(() =>
            new DatasetSplit("s", InputKind.Tokens, zeros(2, 3), Labels([1], [0]))).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() =>
            new DatasetSplit("s", InputKind.Tokens, tensor(new long[] { 1, 2, -1, 0 }, [2, 2]), Labels([1], [0]))).Message);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() =>
            new DatasetSplit("s", InputKind.Image, full(2, 3, 2, 2, 1.5f), Labels([1], [0]))).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() =>
            new DatasetSplit("s", InputKind.Vector, tensor(new[] { 1f, float.NaN }, [2, 1]), Labels([1], [0]))).Message);
        Assert.Contains("float32", Assert.Throws<ArgumentException>(() =>
            new DatasetSplit("s", InputKind.Vector, randn(2, 2), Labels([1], [0]).to(ScalarType.Float64))).Message);
    }

    [Fact]
    public void DatasetChecksSplitsAgainstEachOther()
    {
        DatasetSplit Vec(string name, int rows, int features, int labels) =>
            new(name, InputKind.Vector, randn(rows, features), zeros(rows, labels));
        string[] names = ["a", "b"];
        using (var ok = new MultiLabelDataset("d", InputKind.Vector, names, Vec("train", 3, 4, 2), Vec("validation", 0, 4, 2),
                   Vec("test", 2, 4, 2), isSurrogate: true, "test data"))
        {
            Assert.Equal(2, ok.LabelCount);
            Assert.Equal(0, ok.Validation.Count);
            Assert.Null(ok.VocabularySize);
        }
        var wrongWidth = Assert.Throws<ArgumentException>(() => new MultiLabelDataset("d", InputKind.Vector, names,
            Vec("train", 3, 4, 2), Vec("validation", 1, 5, 2), Vec("test", 2, 4, 2), false, "x"));
        Assert.Equal("validation", wrongWidth.ParamName);
        var wrongLabels = Assert.Throws<ArgumentException>(() => new MultiLabelDataset("d", InputKind.Vector, names,
            Vec("train", 3, 4, 2), Vec("validation", 1, 4, 2), Vec("test", 2, 4, 3), false, "x"));
        Assert.Equal("test", wrongLabels.ParamName);
        Assert.Throws<ArgumentException>(() => new MultiLabelDataset("d", InputKind.Vector, ["a", "a"],
            Vec("train", 3, 4, 2), Vec("validation", 1, 4, 2), Vec("test", 2, 4, 2), false, "x"));
        Assert.Throws<ArgumentException>(() => new MultiLabelDataset("d", InputKind.Tokens, names,
            Vec("train", 3, 4, 2), Vec("validation", 1, 4, 2), Vec("test", 2, 4, 2), false, "x"));
    }

    [Fact]
    public void TokenDatasetNeedsIdsInsideTheVocabulary()
    {
        DatasetSplit Tok(string name, long maxId) =>
            new(name, InputKind.Tokens, tensor(new long[] { 1, maxId, 0, 2 }, [2, 2]), zeros(2, 1));
        using (var ok = new MultiLabelDataset("t", InputKind.Tokens, ["x"], Tok("train", 5), Tok("validation", 5), Tok("test", 5), false, "x", 6))
            Assert.Equal(6, ok.VocabularySize);
        var e = Assert.Throws<ArgumentException>(() =>
            new MultiLabelDataset("t", InputKind.Tokens, ["x"], Tok("train", 5), Tok("validation", 6), Tok("test", 5), false, "x", 6));
        Assert.Contains("token id 6 at row 0, position 1", e.Message);
        Assert.Throws<ArgumentException>(() =>
            new MultiLabelDataset("t", InputKind.Tokens, ["x"], Tok("train", 5), Tok("validation", 5), Tok("test", 5), false, "x"));
    }

    [Fact]
    public void SplitSurvivesTheScopeItWasMadeIn()
    {
        DatasetSplit split;
        using (var scope = NewDisposeScope())
            split = new DatasetSplit("train", InputKind.Vector, randn(2, 2), zeros(2, 1));
        using (split)
            Assert.Equal(2, split.Inputs.shape[0]);
    }
}

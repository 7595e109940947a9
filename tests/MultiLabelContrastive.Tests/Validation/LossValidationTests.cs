using MultiLabelContrastive.Losses;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Validation;

public class LossValidationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TemperatureMustBePositiveAndFinite(double tau)
    {
        foreach (var kind in Enum.GetValues<LossKind>())
            Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => ContrastiveLoss.Create(kind, tau)).ParamName);
        using var scope = NewDisposeScope();
        var z = randn(3, 2);
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(
            () => ContrastiveLogProb.Compute(z, z, tau, eye(3).to_type(ScalarType.Bool))).ParamName);
    }

    [Fact]
    public void UnknownLossNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ContrastiveLoss.Create("SupConAll"));
        Assert.Equal("name", e.ParamName);
        Assert.Contains("SdWeighted", e.Message);
        Assert.Throws<ArgumentException>(() => ContrastiveLoss.Create("3"));
    }

    [Fact]
    public void NonFiniteEmbeddingIsReportedWithRowAndColumn()
    {
        using var scope = NewDisposeScope();
        var z = randn(4, 3);
        z[2, 1] = tensor(float.NaN);
        var e = Assert.Throws<ArgumentException>(() => ContrastiveLoss.Any().Compute(z, ones(4, 2)));
        Assert.Equal("embeddings", e.ParamName);
        Assert.Contains("row 2, column 1", e.Message);
        z[2, 1] = tensor(float.PositiveInfinity);
        Assert.Contains("row 2, column 1", Assert.Throws<ArgumentException>(() => ContrastiveLoss.All().Compute(z, ones(4, 2))).Message);
    }

    [Fact]
    public void NonBinaryLabelsAreReportedWithRowAndColumn()
    {
        using var scope = NewDisposeScope();
        var y = ones(4, 3);
        y[3, 2] = tensor(0.5f);
        var e = Assert.Throws<ArgumentException>(() => ContrastiveLoss.MulSupCon().Compute(randn(4, 3), y));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("row 3, column 2", e.Message);
        Assert.Contains("0.5", e.Message);
    }

    [Fact]
    public void ShapeMismatchesNameBothShapes()
    {
        using var scope = NewDisposeScope();
        var loss = ContrastiveLoss.SimilarityDissimilarity(SdForm.Weighted);
        var rows = Assert.Throws<ArgumentException>(() => loss.Compute(randn(4, 3), ones(5, 2)));
        Assert.Equal("labels", rows.ParamName);
        Assert.Contains("[4, 3]", rows.Message);
        Assert.Contains("[5, 2]", rows.Message);
        Assert.Equal("embeddings", Assert.Throws<ArgumentException>(() => loss.Compute(randn(4), ones(4, 2))).ParamName);
        Assert.Equal("embeddings", Assert.Throws<ArgumentException>(() => loss.Compute(ones(4, 3, int64), ones(4, 2))).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => loss.Compute(randn(4, 3), null!)).ParamName);
    }

    [Fact]
    public void QueueMustMatchTheBatch()
    {
        using var scope = NewDisposeScope();
        var loss = ContrastiveLoss.MulSupCon(0.1);
        var z = randn(4, 3);
        var y = ones(4, 2);
        Assert.Equal("queueEmbeddings", Assert.Throws<ArgumentException>(() => loss.Compute(z, y, randn(6, 5), ones(6, 2))).ParamName);
        Assert.Equal("queueLabels", Assert.Throws<ArgumentException>(() => loss.Compute(z, y, randn(6, 3), ones(6, 7))).ParamName);
        Assert.Equal("queueLabels", Assert.Throws<ArgumentException>(() => loss.Compute(z, y, randn(6, 3), ones(5, 2))).ParamName);
        Assert.Equal("queueEmbeddings", Assert.Throws<ArgumentException>(() => loss.Compute(z, y, randn(6, 3, float64), ones(6, 2))).ParamName);
    }
}

using MultiLabelContrastive.Relations;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Validation;

public class RelationValidationTests
{
    [Fact]
    public void NullSetsNameTheArgument()
    {
        Assert.Equal("anchorLabels", Assert.Throws<ArgumentNullException>(() => RelationClassifier.Classify(null!, [1])).ParamName);
        Assert.Equal("sampleLabels", Assert.Throws<ArgumentNullException>(() => LabelSetFactors.Compute([1], null!)).ParamName);
    }

    [Fact]
    public void NegativeLabelIndexIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RelationClassifier.Classify([0, -3], [1]));
        Assert.Equal("anchorLabels", e.ParamName);
        Assert.Contains("-3", e.Message);
    }

    [Fact]
    public void InconsistentCountsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RelationClassifier.Classify(anchorSize: 2, sampleSize: 1, intersection: 2));
        Assert.Contains("|S ∩ T| = 2", e.Message);
    }

    [Fact]
    public void MatrixRejectsNonBinaryLabelsNamingRowAndColumn()
    {
        using var scope = NewDisposeScope();
        var y = zeros(3, 4);
        y[2, 1] = tensor(2f);
        var e = Assert.Throws<ArgumentException>(() => RelationClassifier.Matrix(y));
        Assert.Equal("anchorLabels", e.ParamName);
        Assert.Contains("row 2, column 1", e.Message);
    }

    [Fact]
    public void MatrixRejectsWrongRankAndMismatchedLabelCounts()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("[5]", Assert.Throws<ArgumentException>(() => RelationClassifier.Matrix(ones(5))).Message);
        var e = Assert.Throws<ArgumentException>(() => LabelSetFactors.KMatrix(ones(2, 3), ones(2, 4)));
        Assert.Equal("sampleLabels", e.ParamName);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[2, 4]", e.Message);
    }
}

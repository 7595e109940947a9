using MultiLabelContrastive.Losses;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>The weights each loss puts on the paper's Fig. 1 batch (anchor S = {a,b,c}, one sample per relation).</summary>
public class WeighTests
{
    // Rows: anchor {a,b,c}, then R1 {d,e,f}, R2 {a,b,c}, R3 {a,d,e}, R4 {a,b}, R5 {a,b,c,d,e}.
    private static readonly float[,] FigureOne =
    {
        { 1, 1, 1, 0, 0, 0 }, { 0, 0, 0, 1, 1, 1 }, { 1, 1, 1, 0, 0, 0 }, { 1, 0, 0, 1, 1, 0 }, { 1, 1, 0, 0, 0, 0 }, { 1, 1, 1, 1, 1, 0 },
    };

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"column {i}: expected {expected[i]}, got {actual[i]}");
    }

    private static double[] AnchorRow(ContrastiveLoss loss)
    {
        using var scope = NewDisposeScope();
        var w = loss.Weigh(tensor(FigureOne));
        return w.Weights[0].contiguous().data<double>().ToArray();
    }

    [Fact]
    public void AnyWeighsTheFourOverlappingSamplesEqually() =>
        AssertClose(new[] { 0, 0, 0.25, 0.25, 0.25, 0.25 }, AnchorRow(ContrastiveLoss.Any()));

    [Fact]
    public void AllWeighsOnlyTheEqualSample() =>
        AssertClose(new[] { 0, 0, 1.0, 0, 0, 0 }, AnchorRow(ContrastiveLoss.All()));

    [Fact]
    public void WeightedSdScalesEachPositiveByItsK() =>
        AssertClose(new[] { 0, 0, 1 / 4.0, 1 / 36.0, 2 / 3.0 / 4, 1 / 3.0 / 4 }, AnchorRow(ContrastiveLoss.SimilarityDissimilarity(SdForm.Weighted)));

    [Fact]
    public void LiteralSdKeepsAnysWeightsAndAddsMinusMeanLogK()
    {
        using var scope = NewDisposeScope();
        var w = ContrastiveLoss.SimilarityDissimilarity(SdForm.Literal).Weigh(tensor(FigureOne));
        AssertClose(new[] { 0, 0, 0.25, 0.25, 0.25, 0.25 }, w.Weights[0].contiguous().data<double>().ToArray());
        double expected = -(Math.Log(1) + Math.Log(1 / 9.0) + Math.Log(2 / 3.0) + Math.Log(1 / 3.0)) / 4;
        Assert.Equal(expected, w.LabelOnlyTerm![0].item<double>(), 12);
    }

    [Fact]
    public void MulSupConAveragesOneRowPerAnchorLabel()
    {
        // Anchor {a,b,c}: label a has 4 positives (R2..R5), b has 3 (R2, R4, R5), c has 2 (R2, R5).
        var row = AnchorRow(ContrastiveLoss.MulSupCon());
        AssertClose(new[] { 0, 0, 1 / 4.0 + 1 / 3.0 + 1 / 2.0, 1 / 4.0, 1 / 4.0 + 1 / 3.0, 1 / 4.0 + 1 / 3.0 + 1 / 2.0 }, row);
    }
}

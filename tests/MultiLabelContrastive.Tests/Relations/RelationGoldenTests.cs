using MultiLabelContrastive.Relations;
using MultiLabelContrastive.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Relations;

public class RelationGoldenTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void EveryPairMatchesTheGoldenRelationAndFactors()
    {
        var cases = GoldenFiles.ReadCases("relations.json");
        foreach (var c in cases)
        {
            var s = Json.Ints(c.GetProperty("S"));
            var t = Json.Ints(c.GetProperty("T"));
            var expected = Enum.Parse<Relation>(c.GetProperty("relation").GetString()!);
            var context = $"S = {{{string.Join(",", s)}}}, T = {{{string.Join(",", t)}}}";

            Assert.True(expected == RelationClassifier.Classify(s, t), context);
            var f = LabelSetFactors.Compute(s, t);
            Assert.True(expected == f.Relation, context);
            AssertClose(Json.NullableDouble(c.GetProperty("Ks")), f.Similarity, context + " Ks");
            AssertClose(Json.NullableDouble(c.GetProperty("Kd")), f.Dissimilarity, context + " Kd");
            AssertClose(Json.NullableDouble(c.GetProperty("K")), f.K, context + " K");
            AssertClose(Json.NullableDouble(c.GetProperty("KJaccard")), f.Jaccard, context + " Jaccard");
        }
    }

    [Fact]
    public void BatchedMatricesAgreeWithThePairwiseGoldenValues()
    {
        var cases = GoldenFiles.ReadCases("relations.json");
        int universe = cases.SelectMany(c => Json.Ints(c.GetProperty("S")).Concat(Json.Ints(c.GetProperty("T")))).DefaultIfEmpty(0).Max() + 1;
        var ya = new float[cases.Count, universe];
        var yr = new float[cases.Count, universe];
        for (int i = 0; i < cases.Count; i++)
        {
            foreach (var l in Json.Ints(cases[i].GetProperty("S"))) ya[i, l] = 1;
            foreach (var l in Json.Ints(cases[i].GetProperty("T"))) yr[i, l] = 1;
        }
        using var scope = NewDisposeScope();
        var anchors = tensor(ya);
        var samples = tensor(yr);
        var relations = RelationClassifier.Matrix(anchors, samples).diagonal();
        var ks = LabelSetFactors.SimilarityMatrix(anchors, samples).diagonal();
        var kd = LabelSetFactors.DissimilarityMatrix(anchors, samples).diagonal();
        var k = LabelSetFactors.KMatrix(anchors, samples).diagonal();
        var jaccard = LabelSetFactors.KMatrix(anchors, samples, SdFactor.Jaccard).diagonal();
        for (int i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var context = $"case {i}";
            Assert.True(Enum.Parse<Relation>(c.GetProperty("relation").GetString()!) == (Relation)relations[i].item<long>(), context);
            AssertClose(Json.NullableDouble(c.GetProperty("Ks")), NaNToNull(ks[i].item<double>()), context + " Ks");
            AssertClose(Json.NullableDouble(c.GetProperty("Kd")), NaNToNull(kd[i].item<double>()), context + " Kd");
            AssertClose(Json.NullableDouble(c.GetProperty("K")), NaNToNull(k[i].item<double>()), context + " K");
            AssertClose(Json.NullableDouble(c.GetProperty("KJaccard")), NaNToNull(jaccard[i].item<double>()), context + " Jaccard");
        }
    }

    [Fact]
    public void FigureOneExampleGivesThePapersFactors()
    {
        int[] s = [0, 1, 2];
        int[][] samples = [[3, 4, 5], [0, 1, 2], [0, 3, 4], [0, 1], [0, 1, 2, 3, 4]];
        double[] k = [0, 1, 1.0 / 9, 2.0 / 3, 1.0 / 3];
        Relation[] r = [Relation.R1, Relation.R2, Relation.R3, Relation.R4, Relation.R5];
        for (int i = 0; i < samples.Length; i++)
        {
            var f = LabelSetFactors.Compute(s, samples[i]);
            Assert.Equal(r[i], f.Relation);
            Assert.Equal(k[i], f.K!.Value, 12);
        }
    }

    private static double? NaNToNull(double x) => double.IsNaN(x) ? null : x;

    private static void AssertClose(double? expected, double? actual, string context)
    {
        if (expected is null) { Assert.True(actual is null, $"{context}: expected null, got {actual}"); return; }
        Assert.True(actual is not null, $"{context}: expected {expected}, got null");
        Assert.True(Math.Abs(expected.Value - actual!.Value) <= Tolerance, $"{context}: expected {expected}, got {actual}");
    }
}

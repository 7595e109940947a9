using MultiLabelContrastive.LabelAlgebra;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Relations;
using MultiLabelContrastive.Tests.Losses;
using MultiLabelContrastive.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.LabelAlgebra;

/// <summary>Each public member of <see cref="PairCounts"/> against its one-line math, evaluated pair by pair on label sets.</summary>
public class PairCountsTests
{
    [Theory]
    [InlineData(6, 0.4, ScalarType.Float64)]     // dense
    [InlineData(700, 0.003, ScalarType.Float32)] // wide and sparse: the entry-list path
    public void MembersEqualTheirDefinitionsPairByPair(int labels, double probability, ScalarType dtype)
    {
        var a = RandomBatch.Create(11, m: 17, d: 1, c: labels, labelProbability: probability);
        var b = RandomBatch.Create(12, m: 23, d: 1, c: labels, labelProbability: probability);
        for (int i = 0; i < a.M; i++) a.Y[i, i % 3] = i % 4 == 0 ? 0 : 1; // shared labels (and a few empty rows stay possible)
        for (int j = 0; j < b.M; j++) b.Y[j, j % 3] = 1;
        using var scope = NewDisposeScope();
        var counts = PairCounts.Compute(tensor(a.Y), tensor(b.Y), dtype);
        var labelWeights = rand(labels, dtype: float64);
        var rowWeights = rand(a.M, dtype: float64);
        var intersection = Values(counts.Intersection);
        var equal = Values(counts.Equal());
        var overlap = Values(counts.Overlap());
        var k = Values(counts.K());
        var jaccard = Values(counts.K(SdFactor.Jaccard));
        var similarity = Values(counts.Similarity());
        var dissimilarity = Values(counts.Dissimilarity());
        var weighted = Values(counts.WeightedIntersection(labelWeights.to_type(dtype), rowWeights.to_type(dtype)));
        double tolerance = dtype == ScalarType.Float64 ? 1e-12 : 1e-5;
        for (int i = 0; i < a.M; i++)
            for (int j = 0; j < b.M; j++)
            {
                var s = a.LabelSet(i);
                var t = b.LabelSet(j);
                int both = s.Count(t.Contains);
                Assert.Equal(both, intersection[i, j]);
                Assert.Equal(s.Count > 0 && s.SetEquals(t) ? 1 : 0, equal[i, j]);
                Assert.Equal(both > 0 ? 1 : 0, overlap[i, j]);
                Assert.Equal(NaiveLosses.K(s, t), k[i, j], tolerance);
                Assert.Equal(s.Count + t.Count - both == 0 ? 0 : (double)both / (s.Count + t.Count - both), jaccard[i, j], tolerance);
                Assert.Equal(s.Count == 0 ? 0 : (double)both / s.Count, similarity[i, j], tolerance);
                Assert.Equal(1.0 / (1 + t.Count - both), dissimilarity[i, j], tolerance);
                double expected = s.Where(t.Contains).Sum(l => rowWeights[i].item<double>() * labelWeights[l].item<double>());
                Assert.Equal(expected, weighted[i, j], tolerance * 10);
            }
        Assert.Equal(a.M, counts.AnchorSizes.shape[0]);
        Assert.Equal(Enumerable.Range(0, b.M).Select(j => (double)b.LabelSet(j).Count), Values(counts.SampleSizes.unsqueeze(0)).Cast<double>());
    }

    [Fact]
    public void OnlyTheLossBuildsPairContextsSoReferenceRowIIsAnchorI()
    {
        var type = typeof(PairContext);
        Assert.Empty(type.GetConstructors());
        Assert.DoesNotContain(type.GetMethods(), m => m.IsStatic && m.ReturnType == type);
    }

    private static double[,] Values(Tensor t)
    {
        var d = t.to_type(float64).contiguous();
        var flat = d.data<double>().ToArray();
        var result = new double[t.shape[0], t.shape[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}

using MultiLabelContrastive.Losses;
using MultiLabelContrastive.LabelAlgebra;
using MultiLabelContrastive.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>The sparse label-product path (wide, sparse label matrices) gives the dense path's results.</summary>
public class SparseLabelTests
{
    [Fact]
    public void WideSparseLabelsTakeTheSparsePathAndMatchTheNaiveLoops()
    {
        // 1,000 labels, ~3 per row: density 0.3 %, below the sparse threshold.
        var batch = RandomBatch.Create(7, m: 40, d: 6, c: 1000, labelProbability: 0.003, emptyRowProbability: 0);
        for (int i = 0; i < batch.M; i++) batch.Y[i, i % 5] = 1; // shared head labels so that positives exist
        Assert.True(batch.Y.Cast<int>().Average() < LabelMatrix.SparseMaxDensity);
        using var scope = NewDisposeScope();
        foreach (var name in new[] { "All", "Any", "MulSupCon", "MulSupConPerSampleWeight", "SdLiteral", "SdWeighted", "SdWeightedNormalized" })
        {
            var (expected, count) = NaiveLosses.Compute(name, batch, 0.1, batch.M);
            var result = ContrastiveLoss.Create(name, 0.1).Compute(tensor(batch.Z), tensor(batch.Y));
            Assert.Equal(count, result.AnchorsCounted);
            Assert.Equal(expected, result.Loss.item<double>(), 1e-9);
        }
        var y = tensor(batch.Y).to_type(float32);
        var entries = LabelMatrix.Of(y, float32);
        Assert.True(entries.IsSparse);
        Assert.Equal(0, (entries.TimesTransposed(entries, float32) - y.matmul(y.t())).abs().max().item<float>());
    }
}

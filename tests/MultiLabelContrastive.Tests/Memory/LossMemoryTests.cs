using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Relations;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Memory;

/// <summary>Public tensor functions leave no live tensors behind beyond what they return.</summary>
public class LossMemoryTests
{
    private static long Live => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    [Fact]
    public void RepeatedLossStepsKeepTheLiveTensorCountFlat()
    {
        using var outer = NewDisposeScope();
        var z = randn(16, 8).requires_grad_(true);
        var y = randint(0, 2, [16, 5]).to_type(float32);
        var queueZ = randn(10, 8);
        var queueY = randint(0, 2, [10, 5]).to_type(float32);
        long? baseline = null;
        for (int step = 0; step < 6; step++)
        {
            foreach (var kind in Enum.GetValues<LossKind>())
            {
                using var scope = NewDisposeScope();
                var loss = ContrastiveLoss.Create(kind, 0.1);
                loss.Compute(z, y).Loss.backward();
                loss.Compute(z, y, queueZ, queueY).Loss.backward();
                RelationClassifier.Matrix(y);
                LabelSetFactors.KMatrix(y, queueY);
            }
            if (step == 1) baseline = Live;
            if (step > 1) Assert.Equal(baseline, Live);
        }
    }

    [Fact]
    public void ComputeReturnsOnlyTheLossTensorToTheCallersScope()
    {
        var z = randn(12, 4);
        var y = randint(0, 2, [12, 3]).to_type(float32);
        using var scope = NewDisposeScope();
        long before = Live;
        var result = ContrastiveLoss.SimilarityDissimilarity(SdForm.WeightedNormalized).Compute(z, y);
        Assert.Equal(before + 1, Live);
        result.Loss.Dispose();
        Assert.Equal(before, Live);
        z.Dispose();
        y.Dispose();
    }
}

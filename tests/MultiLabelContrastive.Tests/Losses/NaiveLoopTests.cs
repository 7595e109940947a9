using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>
/// The matrix implementation against the naive loops (<see cref="NaiveLosses{T}"/>) on random batches, with and without
/// a queue, in float64 (to 1e-9) and in float32 (float32 embeddings against the float32 loops, to a relative 1e-4).
/// </summary>
public class NaiveLoopTests
{
    public static TheoryData<string> LossNames =>
        new() { "All", "Any", "MulSupCon", "MulSupConPerSampleWeight", "SdLiteral", "SdWeighted", "SdWeightedNormalized", "SdJaccardWeighted" };

    [Theory]
    [MemberData(nameof(LossNames))]
    public void MatrixCodeEqualsNaiveLoopsInBatch(string name)
    {
        for (int seed = 1; seed <= 12; seed++)
        {
            var batch = RandomBatch.Create(seed, m: 6 + seed * 3, d: 5, c: 3 + seed % 7, labelProbability: 0.3);
            double tau = seed % 3 == 0 ? 0.07 : 0.2;
            var (expected, expectedCount) = NaiveLosses.Compute(name, batch, tau, batch.M);
            using var scope = NewDisposeScope();
            var result = ContrastiveLoss.Create(name, tau).Compute(tensor(batch.Z), tensor(batch.Y));
            Assert.Equal(expectedCount, result.AnchorsCounted);
            Assert.Equal(expected, result.Loss.item<double>(), 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Float32MatrixCodeEqualsFloat32NaiveLoops(string name)
    {
        for (int seed = 1; seed <= 8; seed++)
        {
            var batch = RandomBatch.Create(200 + seed, m: 8 + seed * 4, d: 6, c: 4 + seed % 5, labelProbability: 0.3);
            double tau = seed % 2 == 0 ? 0.07 : 0.5;
            var (expected, expectedCount) = NaiveLosses<float>.Compute(name, batch, tau, batch.M);
            using var scope = NewDisposeScope();
            var result = ContrastiveLoss.Create(name, tau).Compute(tensor(batch.Z).to_type(float32), tensor(batch.Y));
            Assert.Equal(ScalarType.Float32, result.Loss.dtype);
            Assert.Equal(expectedCount, result.AnchorsCounted);
            AssertRelative(expected, result.Loss.item<float>(), 1e-4);
            // and the float32 loops agree with the float64 ones to float32 precision
            AssertRelative(NaiveLosses<double>.Compute(name, batch, tau, batch.M).Loss, expected, 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void MeanOverAllDividesByEveryAnchorOrRow(string name)
    {
        for (int seed = 1; seed <= 6; seed++)
        {
            var batch = RandomBatch.Create(300 + seed, m: 10 + seed, d: 4, c: 5, labelProbability: 0.2, emptyRowProbability: 0.3);
            var (expected, expectedCount) = NaiveLosses.Compute(name, batch, 0.1, batch.M, overEveryUnit: true);
            using var scope = NewDisposeScope();
            var result = ContrastiveLoss.Create(name, 0.1).With(LossReducer.MeanOverAll).Compute(tensor(batch.Z), tensor(batch.Y));
            Assert.Equal(expectedCount, result.AnchorsCounted);
            Assert.Equal(expected, result.Loss.item<double>(), 1e-9);
        }
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    [Theory]
    [MemberData(nameof(LossNames))]
    public void QueueVersionEqualsNaiveLoopsOverBatchPlusQueue(string name)
    {
        for (int seed = 1; seed <= 6; seed++)
        {
            var all = RandomBatch.Create(100 + seed, m: 20, d: 4, c: 6, labelProbability: 0.25);
            int batchSize = 8;
            var (expected, expectedCount) = NaiveLosses.Compute(name, all, 0.1, batchSize);
            using var scope = NewDisposeScope();
            var z = tensor(all.Z);
            var y = tensor(all.Y);
            var batchZ = z[TensorIndex.Slice(0, batchSize)].requires_grad_(true);
            var queueZ = z[TensorIndex.Slice(batchSize, null)];
            var result = ContrastiveLoss.Create(name, 0.1).Compute(
                batchZ, y[TensorIndex.Slice(0, batchSize)], queueZ, y[TensorIndex.Slice(batchSize, null)]);
            Assert.Equal(expectedCount, result.AnchorsCounted);
            Assert.Equal(expected, result.Loss.item<double>(), 1e-9);
            result.Loss.backward();
            Assert.True(batchZ.grad!.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void DuplicateRowsAndZeroEmbeddingsGiveFiniteLossAndGradient()
    {
        using var scope = NewDisposeScope();
        var z = cat([ones(4, 3), zeros(2, 3), ones(2, 3) * 1e6]).requires_grad_(true);
        var y = tensor(new float[,] { { 1, 0 }, { 1, 0 }, { 1, 1 }, { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 }, { 0, 0 } });
        foreach (var kind in Enum.GetValues<LossKind>())
        {
            foreach (var tau in new[] { 0.01, 0.07, 5.0 })
            {
                z.grad?.zero_();
                var result = ContrastiveLoss.Create(kind, tau).Compute(z, y);
                result.Loss.backward();
                Assert.True(result.Loss.isfinite().item<bool>(), $"{kind} τ={tau}: loss not finite");
                Assert.True(z.grad!.isfinite().all().item<bool>(), $"{kind} τ={tau}: gradient not finite");
            }
        }
    }

    [Fact]
    public void SingleRowBatchHasNoPositivesAndZeroGradient()
    {
        using var scope = NewDisposeScope();
        var z = randn(1, 4, float64).requires_grad_(true);
        foreach (var kind in Enum.GetValues<LossKind>())
        {
            z.grad?.zero_();
            var result = ContrastiveLoss.Create(kind).Compute(z, ones(1, 3));
            result.Loss.backward();
            Assert.Equal(0, result.AnchorsCounted);
            Assert.Equal(0.0, result.Loss.item<double>());
            Assert.Equal(0.0, z.grad!.abs().max().item<double>());
        }
    }
}

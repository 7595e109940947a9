using MultiLabelContrastive.LabelAlgebra;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Relations;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Memory;

/// <summary>
/// Every public tensor entry point of the core leaves nothing alive but what it returns. Each call runs with no
/// enclosing dispose scope — a scope around it would dispose a forgotten temporary and hide the leak — and the
/// thread's live-tensor count after the call, less the returned tensors, must equal the count before. Failing calls
/// (bad input) must leave nothing behind either. See tests/README.md for the injected-leak check of these tests.
/// </summary>
public sealed class LossMemoryTests : IDisposable
{
    private static long Live => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    // Inputs, created before any count is taken and disposed at the end: a small dense batch, a queue, and a wide
    // sparse batch (C = 600, 2 labels a row) that takes the entry-list path.
    private readonly Tensor _z = randn(16, 8, float32);
    private readonly Tensor _y = randint(0, 2, [16, 5]).to_type(float32);
    private readonly Tensor _queueZ = randn(10, 8, float32);
    private readonly Tensor _queueY = randint(0, 2, [10, 5]).to_type(float32);
    private readonly Tensor _keys = randn(16, 8, float32);
    private readonly Tensor _wideZ = randn(24, 8, float64);
    private readonly Tensor _wideY = WideLabels(24, 600);
    private readonly Tensor _notBinary = tensor(new float[,] { { 1, 0, 0, 0, 0 }, { 2, 1, 0, 0, 0 } });

    public void Dispose()
    {
        foreach (var t in new[] { _z, _y, _queueZ, _queueY, _keys, _wideZ, _wideY, _notBinary }) t.Dispose();
    }

    public static TheoryData<LossKind> Kinds => new(Enum.GetValues<LossKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryLossEntryPointReturnsOnlyItsResult(LossKind kind)
    {
        var loss = ContrastiveLoss.Create(kind, 0.1);
        AssertNoLeak("Compute", () => [loss.Compute(_z, _y).Loss]);
        AssertNoLeak("Compute with a queue", () => [loss.Compute(_z, _y, _queueZ, _queueY).Loss]);
        AssertNoLeak("ComputeWithKeys", () => [loss.ComputeWithKeys(_z, _y, _keys).Loss]);
        AssertNoLeak("ComputeWithKeys with a queue", () => [loss.ComputeWithKeys(_z, _y, _keys, _queueZ, _queueY).Loss]);
        AssertNoLeak("Compute on wide sparse labels", () => [loss.Compute(_wideZ, _wideY).Loss]);
        AssertNoLeak("forward", () => [loss.forward(_z, _y)]);
        AssertNoLeak("MeanOverAll", () => [loss.With(LossReducer.MeanOverAll).Compute(_z, _y).Loss]);
        AssertNoLeak("Weigh", () => loss.Weigh(_y) is var w && w.LabelOnlyTerm is { } term ? [w.Weights, term] : [w.Weights]);
    }

    [Fact]
    public void LossStepsWithBackwardKeepTheLiveCountFlat()
    {
        var z = randn(16, 8).requires_grad_(true);
        long? baseline = null;
        for (int step = 0; step < 4; step++)
        {
            foreach (var kind in Enum.GetValues<LossKind>())
            {
                using var result = ContrastiveLoss.Create(kind, 0.1).Compute(z, _y, _queueZ, _queueY).Loss;
                result.backward();
            }
            if (step == 0) baseline = Live; // the first backward created z.grad, which stays
            else Assert.Equal(baseline, Live);
        }
        z.grad?.Dispose();
        z.Dispose();
    }

    [Fact]
    public void RelationsFactorsAndLogProbabilitiesReturnOnlyTheirResult()
    {
        using var self = eye(16, 16, ScalarType.Bool);
        AssertNoLeak("ContrastiveLogProb.Compute", () => [ContrastiveLogProb.Compute(_z, _z, 0.07, self)]);
        AssertNoLeak("RelationClassifier.Matrix", () => [RelationClassifier.Matrix(_y)]);
        AssertNoLeak("RelationClassifier.Matrix (anchors, samples)", () => [RelationClassifier.Matrix(_y, _queueY)]);
        AssertNoLeak("RelationClassifier.Matrix (wide)", () => [RelationClassifier.Matrix(_wideY)]);
        AssertNoLeak("LabelSetFactors.SimilarityMatrix", () => [LabelSetFactors.SimilarityMatrix(_y, _queueY)]);
        AssertNoLeak("LabelSetFactors.DissimilarityMatrix", () => [LabelSetFactors.DissimilarityMatrix(_y, _queueY)]);
        AssertNoLeak("LabelSetFactors.KMatrix", () => [LabelSetFactors.KMatrix(_y, _queueY, SdFactor.Jaccard)]);
    }

    [Fact]
    public void PairCountsLiveInTheCallersScopeOnly()
    {
        long before = Live;
        using (NewDisposeScope())
        {
            foreach (var labels in new[] { _y, _wideY })
            {
                var counts = PairCounts.Compute(labels, labels, float32);
                _ = counts.Equal(); _ = counts.K(); _ = counts.WeightedIntersection(ones(labels.shape[1]));
            }
        }
        Assert.Equal(before, Live);
    }

    [Fact]
    public void FailedCallsLeaveNothingBehind()
    {
        var loss = ContrastiveLoss.Any();
        using var nan = full(16, 8, double.NaN);
        using var wideNotBinary = _wideY * 2;
        using var z = _z[TensorIndex.Slice(0, 2)];
        using var y = _y[TensorIndex.Slice(0, 2)];
        using var queueZ = _queueZ[TensorIndex.Slice(0, 2)];
        AssertNoLeakOnThrow("non-binary labels", () => loss.Compute(z, _notBinary));
        AssertNoLeakOnThrow("non-binary wide labels", () => loss.Compute(_wideZ, wideNotBinary));
        AssertNoLeakOnThrow("non-finite embeddings", () => loss.Compute(nan, _y));
        AssertNoLeakOnThrow("non-binary queue labels", () => loss.Compute(z, y, queueZ, _notBinary));
        AssertNoLeakOnThrow("non-binary queue labels with keys", () => loss.ComputeWithKeys(z, y, z, queueZ, _notBinary));
        AssertNoLeakOnThrow("non-finite keys", () => loss.ComputeWithKeys(_z, _y, nan));
        AssertNoLeakOnThrow("RelationClassifier.Matrix", () => RelationClassifier.Matrix(_notBinary));
        AssertNoLeakOnThrow("LabelSetFactors.KMatrix", () => LabelSetFactors.KMatrix(_notBinary, _notBinary));
        AssertNoLeakOnThrow("PairCounts.Compute", () => PairCounts.Compute(_notBinary, _notBinary, float32));
        AssertNoLeakOnThrow("PairCounts.Compute (wide)", () => PairCounts.Compute(wideNotBinary, wideNotBinary, float32));
    }

    /// <summary>Runs <paramref name="call"/> once to warm caches, then counts around a second call.</summary>
    private static void AssertNoLeak(string what, Func<Tensor[]> call)
    {
        foreach (var t in call()) t.Dispose();
        long before = Live;
        var returned = call();
        long leaked = Live - returned.Length - before;
        foreach (var t in returned) t.Dispose();
        Assert.True(leaked == 0, $"{what} left {leaked} tensor(s) alive beyond the {returned.Length} it returned.");
    }

    private static void AssertNoLeakOnThrow(string what, Action call)
    {
        Assert.ThrowsAny<ArgumentException>(call);
        long before = Live;
        Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(Live == before, $"A failed call ({what}) left {Live - before} tensor(s) alive.");
    }

    private static Tensor WideLabels(int rows, int labels)
    {
        var y = new float[rows, labels];
        for (int i = 0; i < rows; i++) { y[i, i % 3] = 1; y[i, 3 + i * 7 % (labels - 3)] = 1; }
        return tensor(y);
    }
}

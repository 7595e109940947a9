using FsCheck.Xunit;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Tests.Losses;
using MultiLabelContrastive.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Properties;

/// <summary>Invariants of the losses on random batches.</summary>
public class LossProperties
{
    private static (double Loss, double[,] Grad, long Counted) Run(LossKind kind, RandomBatch b, double tau)
    {
        using var scope = NewDisposeScope();
        var z = tensor(b.Z).requires_grad_(true);
        var result = ContrastiveLoss.Create(kind, tau).Compute(z, tensor(b.Y));
        result.Loss.backward();
        return (result.Loss.item<double>(), LossGoldenTests.ToArray(z.grad!), result.AnchorsCounted);
    }

    private static RandomBatch Batch(int seed) =>
        RandomBatch.Create(seed, m: 4 + Math.Abs(seed % 29), d: 3 + Math.Abs(seed % 5), c: 2 + Math.Abs(seed % 11), labelProbability: 0.35);

    [Property(MaxTest = 40)]
    public bool LiteralSdGradientEqualsAnyGradient(int seed)
    {
        var b = Batch(seed);
        var any = Run(LossKind.Any, b, 0.1);
        var literal = Run(LossKind.SdLiteral, b, 0.1);
        return LossGoldenTests.MaxAbsDifference(any.Grad, literal.Grad) <= 1e-12 && any.Counted == literal.Counted;
    }

    [Property(MaxTest = 30)]
    public bool EveryLossIsInvariantToPermutingTheBatch(int seed)
    {
        var b = Batch(seed);
        var order = Enumerable.Range(0, b.M).ToArray();
        new Random(seed).Shuffle(order);
        var permuted = b.Permuted(order);
        foreach (var kind in Enum.GetValues<LossKind>())
        {
            var a = Run(kind, b, 0.2);
            var p = Run(kind, permuted, 0.2);
            if (Math.Abs(a.Loss - p.Loss) > 1e-10 || a.Counted != p.Counted) return false;
            for (int i = 0; i < b.M; i++)
                for (int k = 0; k < b.D; k++)
                    if (Math.Abs(p.Grad[i, k] - a.Grad[order[i], k]) > 1e-10) return false;
        }
        return true;
    }

    [Property(MaxTest = 30)]
    public bool MulSupConEqualsRowExpandedReference(int seed)
    {
        var b = Batch(seed);
        var (expected, count) = NaiveLosses.Compute("MulSupCon", b, 0.1, b.M);
        var actual = Run(LossKind.MulSupCon, b, 0.1);
        return actual.Counted == count && Math.Abs(actual.Loss - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected));
    }

    [Property(MaxTest = 30)]
    public bool SingleLabelDataMakesAllAnyAndEverySdFormAgree(int seed)
    {
        var random = new Random(seed);
        var b = RandomBatch.Create(seed, m: 10, d: 4, c: 3, labelProbability: 0);
        for (int i = 0; i < b.M; i++) b.Y[i, random.Next(b.C)] = 1;
        var all = Run(LossKind.All, b, 0.1).Loss;
        return new[] { LossKind.Any, LossKind.SdLiteral, LossKind.SdWeighted, LossKind.SdWeightedNormalized, LossKind.MulSupCon }
            .All(k => Math.Abs(Run(k, b, 0.1).Loss - all) <= 1e-10);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using MultiLabelContrastive.Losses;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>
/// 10⁵ random batches per loss (<see cref="FuzzBatch"/>: sizes 1–16, label densities with empty rows, all-equal and
/// all-disjoint label sets, τ from 10⁻³ to 10³, duplicate, near-zero, zero and large embeddings, float32 and float64,
/// in batch, with a queue and against momentum keys): the loss and the gradient are finite, the loss is ≥ 0 (every loss
/// of docs/MATH.md §4 is a non-negative combination of −ℓ ≥ 0 and −log K ≥ 0), and a batch where nothing counts gives
/// exactly 0 on the autograd graph with a zero gradient. The batches are split over the cores; the count is printed.
/// </summary>
public class LossFuzzTests(ITestOutputHelper output)
{
    private const int BatchesPerLoss = 100_000;
    private const int MaxReported = 5;

    public static TheoryData<LossKind> Kinds => new(Enum.GetValues<LossKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RandomBatchesGiveFiniteNonNegativeLossesAndGradients(LossKind kind)
    {
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var failures = new ConcurrentQueue<string>();
        var checkedBatches = new long[workers];
        var nothingCounted = new long[workers];
        var doubles = new long[workers];
        var clock = Stopwatch.StartNew();
        // One libtorch thread: batches this small gain nothing from intra-op threads, and on a busy CPU a second thread
        // makes every operation wait for a core (10× slower here); the cores are used by the workers instead.
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            Run(kind, workers, failures, checkedBatches, nothingCounted, doubles);
        }
        finally
        {
            set_num_threads(threads);
        }
        var total = checkedBatches.Sum();
        output.WriteLine($"{kind}: {total} random batches checked ({doubles.Sum()} float64, {total - doubles.Sum()} float32; " +
                         $"{nothingCounted.Sum()} with nothing counted) on {workers} threads in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures));
        Assert.Equal(BatchesPerLoss, total);
    }

    private static void Run(LossKind kind, int workers, ConcurrentQueue<string> failures, long[] checkedBatches, long[] nothingCounted, long[] doubles) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            // One loss module per temperature per worker: a module is cheap to reuse and has no state between calls.
            var losses = FuzzBatch.Temperatures.Select(t => ContrastiveLoss.Create(kind, t)).ToArray();
            try
            {
                for (var index = worker; index < BatchesPerLoss && failures.Count < MaxReported; index += workers)
                {
                    var batch = FuzzBatch.Draw((int)kind, index);
                    var problem = Check(losses[batch.TemperatureIndex], batch, out var counted);
                    if (problem is not null) failures.Enqueue($"{kind} {batch}: {problem}");
                    checkedBatches[worker]++;
                    if (counted == 0) nothingCounted[worker]++;
                    if (batch.Float64) doubles[worker]++;
                }
            }
            finally
            {
                foreach (var loss in losses) loss.Dispose();
            }
        });

    /// <summary>One batch: null when every property holds, else what failed.</summary>
    private static string? Check(ContrastiveLoss loss, FuzzBatch batch, out long counted)
    {
        using var scope = NewDisposeScope();
        var dtype = batch.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var z = Matrix(batch.Z, batch.M, batch.D, dtype).requires_grad_(true);
        var y = tensor(batch.Y, [batch.M, batch.C]);
        var queueZ = batch.Q > 0 ? Matrix(batch.QueueZ, batch.Q, batch.D, dtype) : null;
        var queueY = batch.Q > 0 ? tensor(batch.QueueY, [batch.Q, batch.C]) : null;
        LossResult result;
        if (batch.UsesKeys) result = loss.ComputeWithKeys(z, y, Matrix(batch.Keys, batch.M, batch.D, dtype), queueZ, queueY);
        else if (queueZ is not null) result = loss.Compute(z, y, queueZ, queueY!);
        else result = loss.Compute(z, y);
        counted = result.AnchorsCounted;
        if (!result.Loss.requires_grad) return "the loss is not on the autograd graph";
        result.Loss.backward();
        var value = result.Loss.to_type(ScalarType.Float64).item<double>();
        if (!double.IsFinite(value)) return $"loss {value}";
        if (z.grad is not { } grad) return "no gradient reached the embeddings";
        if (!grad.isfinite().all().item<bool>()) return $"non-finite gradient (loss {value})";
        if (value < 0) return $"negative loss {value:R}";
        if (counted == 0)
        {
            if (value != 0) return $"nothing counted but the loss is {value:R}";
            if (grad.abs().max().to_type(ScalarType.Float64).item<double>() != 0) return "nothing counted but the gradient is not zero";
        }
        return null;
    }

    private static Tensor Matrix(double[] values, int rows, int columns, ScalarType dtype) =>
        dtype == ScalarType.Float64 ? tensor(values, [rows, columns]) : tensor(values.Select(v => (float)v).ToArray(), [rows, columns]);
}

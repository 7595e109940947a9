using System.Globalization;
using MultiLabelContrastive.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>One measured (M, C, loss) cell of the grid.</summary>
/// <remarks>
/// <see cref="FloorMultiple"/> is the median of ours / floor over steps run alternately with the floor;
/// <see cref="SpeedUp"/> the median of naive / ours over steps run alternately with the naive variant.
/// </remarks>
public sealed record LossRow(
    int M, LabelSpace Space, double ActualCardinality, string Loss, Timing Ours, double FloorMultiple,
    Timing? Naive, double? SpeedUp, string? NaiveNote, double? ValueRelativeError, double? GradientRelativeError)
{
    /// <summary>The cell's floor: its runs alternating with the losses of the cell.</summary>
    public Timing? Floor { get; init; }


    /// <summary>Values and gradients equal within the tolerances (null when there is no naive run).</summary>
    public bool? Agrees => ValueRelativeError is null ? null
        : ValueRelativeError <= LossGrid.ValueTolerance && GradientRelativeError <= LossGrid.GradientTolerance;
}

/// <summary>
/// The loss grid: for every M and label space, the floor (normalise + one M×M×D matmul + log-softmax, forward and
/// backward), then every loss of the paper through the library and, where it fits the memory cap, naively.
/// </summary>
public static class LossGrid
{
    /// <summary>The losses of the paper.</summary>
    public static readonly LossKind[] Kinds =
    [
        LossKind.All, LossKind.Any, LossKind.MulSupCon, LossKind.MulSupConPerSampleWeight,
        LossKind.SdLiteral, LossKind.SdWeighted, LossKind.SdWeightedNormalized,
    ];

    /// <summary>Relative tolerance on the loss value (library vs naive, float32).</summary>
    public const double ValueTolerance = 1e-4;

    /// <summary>Tolerance on the gradient: max |Δg| / max |g|.</summary>
    public const double GradientTolerance = 1e-3;

    /// <summary>Runs the grid, printing as it goes.</summary>
    public static List<LossRow> Run(BenchmarkOptions options, TextWriter log)
    {
        var rows = new List<LossRow>();
        foreach (var m in options.Sizes)
            foreach (var space in options.Labels)
                rows.AddRange(RunCell(options, m, space, log));
        return rows;
    }

    private static List<LossRow> RunCell(BenchmarkOptions o, int m, LabelSpace space, TextWriter log)
    {
        using var cellScope = NewDisposeScope();
        var seed = o.Seed + 31 * m + space.Labels;
        var labels = ZipfLabels.Create(m, space, seed);
        manual_seed(seed);
        var x = randn(m, o.Dimension).requires_grad_(true);
        long expandedRows = (long)labels.sum().item<float>();
        double cardinality = expandedRows / (double)m;
        double density = cardinality / space.Labels;
        log.WriteLine();
        log.WriteLine($"== M={m}, D={o.Dimension}, C={space.Labels}: mean |S| = {cardinality:0.00} (target {space.MeanCardinality}), " +
                      $"density {100 * density:0.###}%, MulSupCon rows R = {expandedRows}");

        void FloorStep() => Step(x, () => Floor(x, o.Temperature));
        var floor = Timing.Measure(FloorStep, o.Warmup, o.Repeats); // warms up and measures the floor's memory
        var floorSamples = new List<double>();                         // its time: the runs alternating with the losses

        var rows = new List<LossRow>();
        foreach (var kind in Kinds.Where(k => o.Losses is null || o.Losses.Contains(k.ToString(), StringComparer.OrdinalIgnoreCase)))
        {
            var loss = ContrastiveLoss.Create(kind, o.Temperature);
            Tensor Ours() => loss.Compute(x, labels).Loss;
            void OursStep() => Step(x, Ours);
            var withFloor = Timing.MeasurePaired(FloorStep, OursStep, o.Warmup, o.Repeats);
            var (ours, floorMultiple) = (withFloor.Second, withFloor.Ratio);
            floorSamples.AddRange(withFloor.First.Samples);

            Timing? naive = null;
            double? speedUp = null, valueError = null, gradError = null;
            string? note = null;
            var naiveStep = NaiveLosses.For(kind);
            long estimate = NaiveLosses.EstimatedBytes(kind, m, space.Labels, expandedRows);
            if (!o.RunNaive) note = "naive not run (--no-naive)";
            else if (naiveStep is null) note = "no naive variant";
            else if (estimate > o.NaiveCapBytes)
                note = $"naive skipped: its intermediates need ~{estimate / (double)(1L << 30):0.#} GB > cap {o.NaiveCapBytes / (double)(1L << 30):0.#} GB";
            else
            {
                Tensor Naive() => naiveStep(x, labels, o.Temperature);
                (valueError, gradError) = Compare(x, Ours, Naive);
                var paired = Timing.MeasurePaired(OursStep, () => Step(x, Naive), Math.Min(o.Warmup, 1), o.Repeats);
                (naive, speedUp) = (paired.Second, paired.Ratio);
            }
            var row = new LossRow(m, space, cardinality, kind.ToString(), ours, floorMultiple, naive, speedUp, note, valueError, gradError);
            rows.Add(row);
            log.WriteLine($"   {kind,-26} {ours.Describe(),-16} peak {Timing.Mb(ours.PeakBytes),6} MB  {row.FloorMultiple,5:0.00}× floor  " +
                          (naive is null ? note : $"naive {naive.Describe()} peak {Timing.Mb(naive.PeakBytes)} MB → {row.SpeedUp:0.0}× faster; " +
                           $"value rel.err {valueError:0.0e0}, grad rel.err {gradError:0.0e0} {(row.Agrees == true ? "OK" : "MISMATCH")}"));
        }
        if (floorSamples.Count > 0) floor = floor with { Samples = floorSamples };
        log.WriteLine($"   {"floor (all its runs)",-26} {floor.Describe(),-16} peak {Timing.Mb(floor.PeakBytes),6} MB");
        return rows.Select(r => r with { Floor = floor }).ToList();
    }

    /// <summary>One forward + backward step (gradient with respect to the embeddings), everything disposed.</summary>
    public static void Step(Tensor x, Func<Tensor> loss)
    {
        using var scope = NewDisposeScope();
        var value = loss();
        var gradient = autograd.grad([value], [x]);
        _ = gradient[0].numel();
    }

    /// <summary>The unavoidable part of every loss: normalise, one M×M×D matmul, log-softmax; reduced to a scalar.</summary>
    public static Tensor Floor(Tensor x, double temperature)
    {
        var z = nn.functional.normalize(x, p: 2, dim: 1);
        var logits = z.matmul(z.t()) / temperature;
        return -nn.functional.log_softmax(logits, 1).mean();
    }

    private static (double Value, double Gradient) Compare(Tensor x, Func<Tensor> ours, Func<Tensor> naive)
    {
        using var scope = NewDisposeScope();
        var a = ours();
        var ga = autograd.grad([a], [x])[0];
        var b = naive();
        var gb = autograd.grad([b], [x])[0];
        double va = a.item<float>(), vb = b.item<float>();
        double valueError = Math.Abs(va - vb) / Math.Max(Math.Max(Math.Abs(va), Math.Abs(vb)), 1e-30);
        double scale = Math.Max(gb.abs().max().item<float>(), 1e-30);
        double gradError = (ga - gb).abs().max().item<float>() / scale;
        return (valueError, gradError);
    }

    /// <summary>The grid as a Markdown table.</summary>
    public static string Markdown(IEnumerable<LossRow> rows)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("| M | C (mean \\|S\\|) | loss | ours fwd+bwd | × floor | peak MB | naive fwd+bwd | naive peak MB | speed-up | equal |");
        w.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var g in rows.GroupBy(r => (r.M, r.Space.Labels)))
        {
            var first = g.First();
            w.WriteLine($"| {first.M} | {first.Space.Labels} ({first.ActualCardinality:0.0}) | *floor* | {first.Floor?.Describe()} | 1.00 | {Timing.Mb(first.Floor?.PeakBytes)} | | | | |");
            foreach (var r in g)
                w.WriteLine($"| {r.M} | {r.Space.Labels} | {r.Loss} | {r.Ours.Describe()} | {r.FloorMultiple:0.00} | {Timing.Mb(r.Ours.PeakBytes)} | " +
                            (r.Naive is null ? $"{r.NaiveNote} | | | |"
                                : $"{r.Naive.Describe()} | {Timing.Mb(r.Naive.PeakBytes)} | {r.SpeedUp:0.0}× | {(r.Agrees == true ? "yes" : "**no**")} ({r.ValueRelativeError:0.0e0}) |"));
        }
        return w.ToString();
    }
}

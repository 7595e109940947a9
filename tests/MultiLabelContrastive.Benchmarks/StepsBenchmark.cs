using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Devices;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Benchmarks;

/// <summary>
/// Stage-1 training steps per second through the library's own loop (<see cref="ContrastivePretrainer.Fit"/>, one epoch
/// per invocation, no validation split): the MulSupCon MLP on yeast (1,200 rows: 18 or 4 steps per epoch) and the
/// default text CNN on aapd-like (256 tokens per row; the first 3 × batch training rows: 3 steps per epoch), at batch
/// 64 and 256, for each loss. A step is augmentation of N rows into 2N views, forward, loss, backward, clipping and an
/// optimizer step.
/// </summary>
public class StepsBenchmark
{
    private static bool quick;
    private static int? threads;

    /// <summary>Training rows of a workload at a batch size.</summary>
    public static int Rows(string workload, int batch) => workload == "mlp-yeast" ? 1200 : 3 * batch;
    private MultiLabelDataset? data;
    private Encoder? encoder;
    private ProjectionHead? head;
    private ContrastivePretrainer? trainer;

    /// <summary>Model and data.</summary>
    [ParamsSource(nameof(Workloads))]
    public string Workload { get; set; } = "";

    /// <summary>Rows per batch.</summary>
    [Params(64, 256)]
    public int Batch { get; set; }

    /// <summary>Loss.</summary>
    [ParamsSource(nameof(LossNames))]
    public string Loss { get; set; } = "";

    /// <summary>Workload names.</summary>
    public static IEnumerable<string> Workloads => ["mlp-yeast", "textcnn-aapd-like"];

    /// <summary>Loss names.</summary>
    public static IEnumerable<string> LossNames => quick
        ? ["All", "MulSupCon", "SdWeighted"]
        : Enum.GetNames<LossKind>();

    /// <summary>Builds the data set (training split only), the model and the trainer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        set_grad_enabled(true);
        using var full = Workload == "mlp-yeast"
            ? YeastDataset.Load(RepositoryRoot.YeastFolder)
            : SyntheticProfiles.Get("aapd-like", scale: 0.05, seed: 0);
        data = TrainOnly(full, Rows(Workload, Batch));
        var spec = Workload == "mlp-yeast" ? EncoderSpec.MulSupConMlp() : EncoderSpec.Default(InputKind.Tokens);
        random.manual_seed(0);
        encoder = spec.Create(data);
        head = new ProjectionHead(encoder.OutputSize);
        var options = (Workload == "mlp-yeast" ? TrainingOptions.MulSupConYeast : new TrainingOptions()) with
        {
            BatchSize = Batch,
            PretrainEpochs = 1,
            EarlyStoppingPatience = 0,
            Threads = threads,
        };
        trainer = new ContrastivePretrainer(ContrastiveLoss.Create(Loss, 0.1), options);
    }

    /// <summary>One epoch of stage 1.</summary>
    [Benchmark]
    public StageResult Epoch() => trainer!.Fit(encoder!, head!, data!);

    /// <summary>Frees the model and data.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        encoder?.Dispose();
        head?.Dispose();
        data?.Dispose();
    }

    private static MultiLabelDataset TrainOnly(MultiLabelDataset full, int rows)
    {
        if (full.Train.Count < rows) throw new InvalidOperationException($"{full.Name} has {full.Train.Count} training rows; {rows} are needed.");
        var rowShape = full.RowShape;
        DatasetSplit Empty(string name) => new(name, full.Kind,
            zeros([0, .. rowShape], full.Kind == InputKind.Tokens ? ScalarType.Int64 : ScalarType.Float32),
            zeros(0, full.LabelCount));
        return new MultiLabelDataset(full.Name, full.Kind, full.LabelNames,
            new DatasetSplit("train", full.Kind, full.Train.Inputs.narrow(0, 0, rows).clone(), full.Train.Labels.narrow(0, 0, rows).clone()),
            Empty("validation"), Empty("test"), full.IsSurrogate, full.Description, full.VocabularySize);
    }

    /// <summary>Runs the benchmarks and prints a steps/s table.</summary>
    public static int Run(string[] args)
    {
        quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToList();
        var t = rest.IndexOf("--threads");
        if (t >= 0)
        {
            threads = int.Parse(rest[t + 1], System.Globalization.CultureInfo.InvariantCulture);
            rest.RemoveRange(t, 2);
        }
        Console.WriteLine(DeviceSelector.Choose().Description);
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithInvocationCount(1)
            .WithUnrollFactor(1);
        var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<StepsBenchmark>(config, rest.ToArray());
        PrintTable(summary);
        return summary.HasCriticalValidationErrors ? 1 : 0;
    }

    private static void PrintTable(Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine($"torch threads: {(threads?.ToString() ?? "default")}");
        Console.WriteLine($"{"workload",-20} {"batch",5} {"loss",-28} {"steps/epoch",11} {"ms/step",9} {"steps/s",9}");
        foreach (var report in summary.Reports.Where(r => r.ResultStatistics is not null))
        {
            var parameters = report.BenchmarkCase.Parameters;
            var workload = (string)parameters["Workload"];
            var batch = (int)parameters["Batch"];
            var loss = (string)parameters["Loss"];
            var steps = Rows(workload, batch) / batch;
            var msPerStep = report.ResultStatistics!.Mean / 1e6 / steps;
            Console.WriteLine(FormattableString.Invariant($"{workload,-20} {batch,5} {loss,-28} {steps,11} {msPerStep,9:0.00} {1000 / msPerStep,9:0.0}"));
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Statistics;
using MultiLabelContrastive.Training;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Benchmarks;

/// <summary>
/// The yeast parity table from our side: for each loss and seed, stage 1 with the reference protocol (MulSupCon recipe,
/// constant learning rate, no clipping, 30 epochs), then two linear probes on the same frozen encoder — the library's
/// default probe (weight decay kept, best validation epoch restored) and the reference's probe (no weight decay, last
/// epoch kept) — each 200 epochs of Adam 1e-3. Prints the test mAP of each, mean ± sample std over the seeds.
/// </summary>
internal static class YeastTable
{
    public static int Run(string[] args)
    {
        var seeds = 5;
        var epochs = 30;
        var probeEpochs = 200;
        var losses = new List<LossKind> { LossKind.All, LossKind.Any, LossKind.MulSupCon, LossKind.SdWeighted, LossKind.SdLiteral };
        double? momentum = null;
        var queue = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seeds": seeds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--probe-epochs": probeEpochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--losses": losses = [.. args[++i].Split(',').Select(n => Enum.Parse<LossKind>(n, ignoreCase: true))]; break;
                case "--momentum": momentum = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--queue": queue = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"Unknown argument '{args[i]}'."); return 2;
            }
        }
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
        var clock = Stopwatch.StartNew();
        Console.WriteLine(FormattableString.Invariant($"yeast, {seeds} seeds, stage 1 {epochs} epochs{(momentum is { } m ? $" with a momentum encoder (m {m})" : "")}{(queue > 0 ? $", queue {queue}" : "")}, probes {probeEpochs} epochs, torch threads 1"));
        Console.WriteLine($"{"loss",-12} {"seed",4} {"default probe",14} {"reference probe",16} {"stage-1 loss",13}");
        var rows = new List<(LossKind Loss, double Default, double Reference)>();
        foreach (var loss in losses)
        {
            for (var seed = 0; seed < seeds; seed++)
            {
                var options = Reference(seed, epochs, probeEpochs) with
                {
                    MomentumEncoder = momentum is not null, KeyEncoderMomentum = momentum ?? 0.999, QueueSize = queue,
                };
                random.manual_seed(seed).Dispose(); // as Experiment.Run
                using var encoder = EncoderSpec.MulSupConMlp().Create(yeast);
                StageResult stage;
                using (var head = new ProjectionHead(encoder.OutputSize, options.ProjectionSize))
                    stage = new ContrastivePretrainer(ContrastiveLoss.Create(loss, 0.1), options).Fit(encoder, head, yeast, () => EncoderSpec.MulSupConMlp().Create(yeast));
                var byDefault = new LinearProbe(options).Fit(encoder, yeast).Test!.MeanAveragePrecision;
                var reference = new LinearProbe(options with { ProbeWeightDecay = 0, ProbeRestoresBestEpoch = false }).Fit(encoder, yeast).Test!.MeanAveragePrecision;
                rows.Add((loss, 100 * byDefault, 100 * reference));
                Console.WriteLine(FormattableString.Invariant($"{loss,-12} {seed,4} {100 * byDefault,14:0.00} {100 * reference,16:0.00} {stage.Epochs[^1].TrainLoss,13:0.0000}"));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"{"loss",-12} {"default probe",16} {"reference probe",16}   (test mAP, mean ± sample std over {seeds} seeds)");
        foreach (var group in rows.GroupBy(r => r.Loss))
        {
            var d = MeanStd.Of([.. group.Select(r => r.Default)]);
            var r = MeanStd.Of([.. group.Select(r => r.Reference)]);
            Console.WriteLine(FormattableString.Invariant($"{group.Key,-12} {d.Mean,8:0.00} ± {d.Std,4:0.00} {r.Mean,10:0.00} ± {r.Std,4:0.00}"));
        }
        Console.WriteLine(FormattableString.Invariant($"wall {clock.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    /// <summary>The closest options to the PyTorch reference protocol of tests/parity (the probe options are switched per probe).</summary>
    public static TrainingOptions Reference(int seed, int epochs, int probeEpochs) => TrainingOptions.MulSupConYeastReference with
    {
        Seed = seed,
        Device = "cpu",
        Threads = 1,
        PretrainEpochs = epochs,
        ProbeEpochs = probeEpochs,
        ProbeLearningRate = 1e-3,
        EarlyStoppingPatience = 0,
    };
}

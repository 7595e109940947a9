using System.Diagnostics;
using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Devices;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training;

namespace MultiLabelContrastive.Benchmarks;

/// <summary>Yeast with the MulSupCon settings, end to end, with the BCE baseline beside it.</summary>
internal static class YeastRun
{
    public static int Run(string[] args)
    {
        var epochs = 100;
        var lossName = "MulSupCon";
        var seed = 0;
        int? threads = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--loss": lossName = args[++i]; break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"Unknown argument '{args[i]}'."); return 2;
            }
        }
        Console.WriteLine(DeviceSelector.Choose().Description);
        var clock = Stopwatch.StartNew();
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
        Console.WriteLine(yeast);
        var options = TrainingOptions.MulSupConYeast with { Seed = seed, PretrainEpochs = epochs, RunBaseline = true, Threads = threads };
        var progress = new EpochPrinter();
        using var result = Experiment.Run(yeast, EncoderSpec.MulSupConMlp(), ContrastiveLoss.Create(lossName, 0.1), options, progress);
        Console.WriteLine();
        Console.WriteLine(result.FormatTable());
        Console.WriteLine(FormattableString.Invariant(
            $"stage 1: {result.Pretraining.Epochs.Count} epochs in {result.Pretraining.Seconds:0.0} s; probe {result.Probe.Training.Epochs.Count} epochs (best {result.Probe.Training.BestEpoch}); baseline {result.Baseline!.Training.Epochs.Count} epochs (best {result.Baseline.Training.BestEpoch}); wall {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private sealed class EpochPrinter : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.EpochFinished && (value.Epoch % 10 == 0 || value.Epoch == 1 || value.Epoch == value.Epochs)) Console.WriteLine(value);
        }
    }
}

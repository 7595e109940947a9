using System.Globalization;
using MultiLabelContrastive.Benchmarks;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string usage = """
    Training benchmarks and the yeast end-to-end run.

      dotnet run -c Release --project tests/MultiLabelContrastive.Benchmarks -- steps [--quick] [--threads T] [BenchmarkDotNet arguments]
          Training steps/s (BenchmarkDotNet, in process) of the MLP on yeast and the text CNN on aapd-like,
          batch 64 and 256, every loss; prints a steps/s table at the end. --quick: 3 losses (All, MulSupCon, SdWeighted).
          --threads: torch.set_num_threads(T) before training (default: torch's own setting).
      dotnet run -c Release --project tests/MultiLabelContrastive.Benchmarks -- yeast [--epochs N] [--loss NAME] [--seed S] [--threads T]
          Yeast with the MulSupCon settings end to end (stage 1, linear probe, BCE baseline); prints wall time and the test
          metrics beside the baseline. Data: YEAST_DIR or notebooks/data/yeast.
      dotnet run -c Release --project tests/MultiLabelContrastive.Benchmarks -- yeast-table [--seeds 5] [--epochs 30] [--probe-epochs 200] [--losses All,Any,...] [--momentum M] [--queue Q]
          The yeast parity table from our side: the PyTorch reference protocol, each stage-1 encoder probed twice (the
          library's default probe and the reference's: no weight decay, last epoch); test mAP, mean ± sample std.
          --momentum M: stage 1 with a momentum key encoder (MoCo, as MulSupCon: m 0.999); --queue Q: a queue of Q keys.
      dotnet run -c Release --project tests/MultiLabelContrastive.Benchmarks -- busy-cpu [--epochs 30] [--loss NAME] [--threads 1,2] [--no-idle]
          The yeast stage 1 timed with 1 and 2 libtorch threads, idle and while a competing process spins on one core;
          prints the times, the 2-thread / 1-thread ratio of each condition and the library's default thread count.
      dotnet run -c Release --project tests/MultiLabelContrastive.Benchmarks -- images [--images 256] [--batch 64] [--workers 1,2] [--threads T]
          Images/s of stage 1's image pipeline through the prefetch queue: decode 640 × 480 JPEGs and make the two
          ImageNet views (RandomResizedCrop 224, flip, colour jitter, greyscale), and the evaluation transform, per
          worker count (default: 1 and every core); decoding alone for reference; then the prepared loader at 224
          (images/s, and the host memory of its uint8 rows).
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}
return args[0] switch
{
    "steps" => StepsBenchmark.Run(args[1..]),
    "yeast" => YeastRun.Run(args[1..]),
    "yeast-table" => YeastTable.Run(args[1..]),
    "busy-cpu" => BusyCpu.Run(args[1..]),
    "spin" => BusyCpu.Spin(args[1..]),
    "images" => ImagePipelineBenchmark.Run(args[1..]),
    _ => Fail(),
};

int Fail()
{
    Console.Error.WriteLine($"Unknown command '{args[0]}'.");
    Console.Error.WriteLine(usage);
    return 2;
}

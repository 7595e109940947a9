using System.Globalization;
using MultiLabelContrastive.LossBenchmarks;
using TorchSharp;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchmarkOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(BenchmarkOptions.Usage);
        return 0;
    }
    options = BenchmarkOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var log = Console.Out;
torch.set_grad_enabled(true);
if (options.Threads is { } threads) torch.set_num_threads(threads);
log.WriteLine(MachineDescription.Describe());
log.WriteLine($"Peak memory: {(PeakMemory.Available ? "VmHWM − VmRSS after malloc_trim + clear_refs (per step)" : "not measurable on this OS")}");

var report = new BenchmarkReport(options);
if (options.RunLosses) report.Losses = LossGrid.Run(options, log);
if (options.RunMetrics) report.Metrics = MetricsBenchmark.Run(options, log);
log.WriteLine();
log.WriteLine(report.Targets());
if (options.MarkdownPath is { } path)
{
    File.WriteAllText(path, report.Markdown());
    log.WriteLine($"Markdown written to {path}");
}
return 0;

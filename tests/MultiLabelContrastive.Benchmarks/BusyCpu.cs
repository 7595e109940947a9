using System.Diagnostics;
using System.Globalization;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Devices;
using MultiLabelContrastive.Encoders;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Training;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Benchmarks;

/// <summary>
/// The busy-CPU cliff: the yeast stage 1 (reference protocol, 30 epochs) timed with 1 and with 2 libtorch threads, first
/// on an idle machine, then while a competing process spins on one core (pinned to the last one where the OS allows).
/// Prints the wall times, the 2-thread / 1-thread ratio of each condition measured in this run, whether the stage-1
/// losses are identical, and the thread count the library chooses by default here.
/// </summary>
internal static class BusyCpu
{
    public static int Run(string[] args)
    {
        var epochs = 30;
        var loss = LossKind.MulSupCon;
        int[] threadCounts = [1, 2];
        var idle = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--loss": loss = Enum.Parse<LossKind>(args[++i], ignoreCase: true); break;
                case "--threads": threadCounts = [.. args[++i].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture))]; break;
                case "--no-idle": idle = false; break;
                default: Console.Error.WriteLine($"Unknown argument '{args[i]}'."); return 2;
            }
        }
        using var yeast = YeastDataset.Load(RepositoryRoot.YeastFolder);
        var chosen = TorchThreads.Resolve(Environment.GetEnvironmentVariable, Environment.ProcessorCount);
        Console.WriteLine(FormattableString.Invariant(
            $"yeast stage 1, {loss}, {epochs} epochs, {Environment.ProcessorCount} logical processors; library default: {(chosen is { } c ? $"{c} thread(s)" : "libtorch's own (OMP_NUM_THREADS/MKL_NUM_THREADS set)")}{(Environment.GetEnvironmentVariable(TorchThreads.EnvironmentVariable) is { Length: > 0 } v ? $" (MLC_THREADS={v})" : "")}"));
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"condition",-22} {"threads",7} {"seconds",8} {"last epoch loss",16}");
        var rows = new List<(bool Busy, int Threads, double Seconds, double Loss)>();
        foreach (var busy in idle ? new[] { false, true } : [true])
        {
            foreach (var threads in threadCounts)
            {
                using var spinner = busy ? Spinner.Start() : null;
                var (seconds, last) = Stage(yeast, loss, epochs, threads);
                rows.Add((busy, threads, seconds, last));
                Console.WriteLine(FormattableString.Invariant($"{(busy ? "one core busy" : "idle"),-22} {threads,7} {seconds,8:0.0} {last,16:0.000000}"));
            }
        }
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        foreach (var group in rows.GroupBy(r => r.Busy))
        {
            var baseline = group.First();
            foreach (var row in group.Skip(1))
                Console.WriteLine(FormattableString.Invariant(
                    $"{(group.Key ? "one core busy" : "idle")}: {row.Threads} threads / {baseline.Threads} thread = {row.Seconds / baseline.Seconds:0.00}×; losses {(row.Loss == baseline.Loss ? "identical" : $"differ ({row.Loss:R} vs {baseline.Loss:R})")}"));
        }
        return 0;
    }

    /// <summary>Runs in the competing process: spins until its standard input closes or <paramref name="args"/>'s
    /// --seconds (default 900) pass.</summary>
    public static int Spin(string[] args)
    {
        var limit = TimeSpan.FromSeconds(args is ["--seconds", var s] ? double.Parse(s, CultureInfo.InvariantCulture) : 900);
        var stop = false;
        var watcher = new Thread(() =>
        {
            while (Console.In.Read() >= 0) { }
            Volatile.Write(ref stop, true);
        }) { IsBackground = true };
        watcher.Start();
        var clock = Stopwatch.StartNew();
        var x = 1.0;
        while (!Volatile.Read(ref stop) && clock.Elapsed < limit)
            for (var i = 0; i < 1_000_000; i++) x = x * 1.0000001 + 1e-9;
        return x > 0 ? 0 : 1;
    }

    private static (double Seconds, double LastLoss) Stage(MultiLabelDataset yeast, LossKind loss, int epochs, int threads)
    {
        var options = YeastTable.Reference(0, epochs, 1) with { Threads = threads };
        random.manual_seed(0).Dispose();
        using var encoder = EncoderSpec.MulSupConMlp().Create(yeast);
        using var head = new ProjectionHead(encoder.OutputSize, options.ProjectionSize);
        var clock = Stopwatch.StartNew();
        var result = new ContrastivePretrainer(ContrastiveLoss.Create(loss, 0.1), options).Fit(encoder, head, yeast);
        return (clock.Elapsed.TotalSeconds, result.Epochs[^1].TrainLoss);
    }

    /// <summary>A child process of this program running <see cref="Spin"/>, pinned to the last core where possible; ended
    /// (by its id) on dispose.</summary>
    private sealed class Spinner : IDisposable
    {
        private readonly Process process;

        private Spinner(Process process) => this.process = process;

        public static Spinner Start()
        {
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
            var info = new ProcessStartInfo(self) { RedirectStandardInput = true, UseShellExecute = false };
            if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
                info.ArgumentList.Add(typeof(BusyCpu).Assembly.Location);
            info.ArgumentList.Add("spin");
            var process = Process.Start(info) ?? throw new InvalidOperationException("The competing process did not start.");
            if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            {
                try
                {
                    process.ProcessorAffinity = (nint)(1L << (Environment.ProcessorCount - 1));
                }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
                {
                    Console.Error.WriteLine($"(the competing process is not pinned: {e.Message})");
                }
            }
            Thread.Sleep(200); // let it reach its loop
            return new Spinner(process);
        }

        public void Dispose()
        {
            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(2000)) process.Kill();
                process.WaitForExit();
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}

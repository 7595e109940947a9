using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>The machine a run was measured on, in one line.</summary>
public static class MachineDescription
{
    /// <summary>CPU model, cores, torch threads, memory, OS, .NET and TorchSharp versions.</summary>
    public static string Describe()
    {
        string cpu = "unknown CPU";
        long memoryKb = 0;
        if (File.Exists("/proc/cpuinfo"))
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? cpu;
        if (File.Exists("/proc/meminfo"))
            memoryKb = long.Parse(File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim().Split(' ')[0]);
        var torchSharp = typeof(Tensor).Assembly.GetName().Version;
        return $"Machine: {cpu}, {Environment.ProcessorCount} logical cores, torch threads {get_num_threads()}, " +
               $"{memoryKb / 1048576.0:0.#} GB RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, " +
               $"TorchSharp {torchSharp}, float32 on CPU";
    }
}

using System.Diagnostics;
using System.Globalization;

namespace MultiLabelContrastive.Training;

/// <summary>
/// Appends the process's peak memory after each epoch to <c>memory.csv</c> in the log folder (stage, epoch, peak
/// resident bytes of the host process). TorchSharp 0.107 exposes no CUDA allocator statistics, so GPU memory is not in
/// this file; read it from <c>nvidia-smi</c> on a GPU machine.
/// </summary>
internal static class PeakMemoryLog
{
    public const string FileName = "memory.csv";

    public static void Append(string folder, TrainingStage stage, int epoch)
    {
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, FileName);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        bool header = !File.Exists(file);
        using var writer = new StreamWriter(file, append: true);
        if (header) writer.WriteLine("stage,epoch,peak_host_bytes");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage},{epoch},{process.PeakWorkingSet64}"));
    }
}

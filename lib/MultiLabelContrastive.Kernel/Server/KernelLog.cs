using System.Globalization;

namespace MultiLabelContrastive.Kernel.Server;

/// <summary>The kernel's log: timestamped lines on the process's original standard error, which Jupyter servers and
/// VS Code show in their kernel logs. Thread-safe. Never routed into a cell's outputs.</summary>
internal sealed class KernelLog(TextWriter writer)
{
    private readonly Lock _lock = new();

    /// <summary>Logs an informational line.</summary>
    public void Info(string message) => Write("info", message);

    /// <summary>Logs a warning: a rejected message, an unknown request.</summary>
    public void Warn(string message) => Write("warning", message);

    /// <summary>Logs an error of the kernel itself.</summary>
    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        lock (_lock)
        {
            writer.WriteLine($"[mlc-kernel {DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}] {level}: {message}");
            writer.Flush();
        }
    }
}

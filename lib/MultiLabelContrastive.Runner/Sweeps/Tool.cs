using System.ComponentModel;
using System.Diagnostics;

namespace MultiLabelContrastive.Runner.Sweeps;

/// <summary>Runs an external command line tool (sbatch, squeue, kubectl), its stdout and stderr into a writer.</summary>
internal static class Tool
{
    /// <exception cref="InvalidOperationException">The tool is not installed.</exception>
    public static async Task<int> RunAsync(string tool, IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not available ({e.Message}): install it or run on a machine that has it.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await output.WriteAsync(await stdout + await stderr);
            return process.ExitCode;
        }
    }
}

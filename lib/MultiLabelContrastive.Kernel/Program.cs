using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MultiLabelContrastive.Kernel.Install;
using MultiLabelContrastive.Kernel.Protocol;
using MultiLabelContrastive.Kernel.Server;
using MultiLabelContrastive.Notebooks.Execution;
using NetMQ;

namespace MultiLabelContrastive.Kernel;

/// <summary>Entry point: <c>-f &lt;connection file&gt;</c> runs the kernel (what Jupyter starts); <c>install-kernel</c>
/// writes the kernelspec.</summary>
internal static class Program
{
    private const string Usage = """
        C# (MultiLabelContrastive) Jupyter kernel

        Usage:
          MultiLabelContrastive.Kernel -f <connection-file>
              Run the kernel (Jupyter, VS Code and nbclient start it so, from kernel.json).
          MultiLabelContrastive.Kernel install-kernel [--user | --prefix <dir> | --data-dir <dir>]
              Write the kernelspec "mlc-csharp" (kernel.json + logos):
                --user (default)  the user's Jupyter data folder (~/.local/share/jupyter/kernels on Linux)
                --prefix <dir>    <dir>/share/jupyter/kernels (e.g. a virtual environment's sys.prefix)
                --data-dir <dir>  <dir>/kernels

        Environment:
          MLC_KERNEL_STOP_GRACE_SECONDS  seconds an interrupted cell has to stop before the kernel starts a fresh
                                         session (default 5)
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["-f" or "--connection-file", var file] => await RunKernelAsync(file).ConfigureAwait(false),
                [var file] when file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(file) => await RunKernelAsync(file).ConfigureAwait(false),
                ["install-kernel", .. var rest] => InstallKernel(rest),
                ["-h" or "--help" or "help"] => PrintUsage(Console.Out, 0),
                _ => PrintUsage(Console.Error, 2),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static int PrintUsage(TextWriter writer, int exitCode)
    {
        writer.WriteLine(Usage);
        return exitCode;
    }

    private static int InstallKernel(string[] options)
    {
        var dataDirectory = options switch
        {
            [] or ["--user"] => KernelSpecInstaller.UserDataDirectory(),
            ["--prefix", var prefix] => KernelSpecInstaller.PrefixDataDirectory(prefix),
            ["--data-dir", var directory] => directory,
            _ => throw new ArgumentException($"install-kernel: unexpected options '{string.Join(' ', options)}'; use --user, --prefix <dir> or --data-dir <dir>"),
        };
        var kernelAssembly = typeof(Program).Assembly.Location;
        var folder = KernelSpecInstaller.Install(dataDirectory, KernelSpecInstaller.CurrentDotnetHost(), kernelAssembly);
        Console.WriteLine($"Installed kernelspec {JupyterKernel.KernelName} (\"{JupyterKernel.DisplayName}\") in {folder}");
        Console.WriteLine($"  it runs {kernelAssembly}");
        if (options is ["--prefix", _] or ["--data-dir", _])
        {
            Console.WriteLine($"  if Jupyter does not list it (jupyter kernelspec list), add {dataDirectory} to JUPYTER_PATH");
        }

        return 0;
    }

    private static async Task<int> RunKernelAsync(string connectionFile)
    {
        // The log keeps the process's own stderr: the engine routes Console output of cells into their outputs.
        var log = new KernelLog(Console.Error);
        var connection = ConnectionInfo.Load(connectionFile);
        using var parentGone = new CancellationTokenSource();
        using var server = new KernelServer(connection, log);
        if (server.Connection != connection)
        {
            server.Connection.Save(connectionFile); // ports of 0 were chosen here: tell the client
        }

        var options = new ScriptSessionOptions
        {
            SourceName = SessionName(),
            StopGracePeriod = StopGracePeriod(),
        };
        var host = new ExecutionHost(options);
        using var kernel = new JupyterKernel(server, host, log);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true; // interrupt_mode "signal": SIGINT interrupts the cell, it does not end the kernel
            kernel.Interrupt();
        });
        using var parentWatch = WatchParent(log, parentGone);
        host.WarmUp();
        var restart = await kernel.RunAsync(parentGone.Token).ConfigureAwait(false);
        log.Info(restart ? "shut down for a restart" : "shut down");
        kernel.Dispose();
        NetMQConfig.Cleanup(block: false);
        return 0;
    }

    /// <summary>The notebook's file name when the Jupyter server tells it (<c>JPY_SESSION_NAME</c>), for stack traces.</summary>
    private static string SessionName() =>
        Environment.GetEnvironmentVariable("JPY_SESSION_NAME") is { Length: > 0 } name ? Path.GetFileName(name) : "notebook";

    private static TimeSpan StopGracePeriod() =>
        double.TryParse(Environment.GetEnvironmentVariable("MLC_KERNEL_STOP_GRACE_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : new ScriptSessionOptions().StopGracePeriod;

    /// <summary>Shuts the kernel down when the process that started it (<c>JPY_PARENT_PID</c>) is gone, so a crashed
    /// front end leaves no kernel behind.</summary>
    private static Timer? WatchParent(KernelLog log, CancellationTokenSource parentGone)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var parentId) || parentId <= 1)
        {
            return null;
        }

        return new Timer(_ =>
        {
            if (!IsAlive(parentId))
            {
                log.Warn($"parent process {parentId} is gone; shutting down");
                parentGone.Cancel();
            }
        }, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

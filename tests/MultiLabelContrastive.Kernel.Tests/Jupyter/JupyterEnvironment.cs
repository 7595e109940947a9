using MultiLabelContrastive.Kernel.Tests.Support;

namespace MultiLabelContrastive.Kernel.Tests.Jupyter;

/// <summary>
/// A private Jupyter setup for the tests: the kernelspec installed by the kernel's own <c>install-kernel</c> command into
/// a temporary data folder, and the environment (JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_RUNTIME_DIR) that makes Debian's
/// jupyter_client find it there and nowhere else touch the user's folders.
/// </summary>
public sealed class JupyterEnvironment : IDisposable
{
    private readonly TempFolder _root = new("mlc-jupyter");

    public JupyterEnvironment()
    {
        Assert.True(File.Exists(TestPaths.KernelAssembly), $"kernel not built: {TestPaths.KernelAssembly}");
        DataDirectory = Path.Combine(_root.Path, "share", "jupyter");
        WorkDirectory = Directory.CreateDirectory(Path.Combine(_root.Path, "work")).FullName;
        Variables = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = DataDirectory,
            ["JUPYTER_DATA_DIR"] = DataDirectory,
            ["JUPYTER_RUNTIME_DIR"] = Directory.CreateDirectory(Path.Combine(_root.Path, "runtime")).FullName,
            ["JUPYTER_CONFIG_DIR"] = Directory.CreateDirectory(Path.Combine(_root.Path, "config")).FullName,
            ["JUPYTER_PLATFORM_DIRS"] = "0",
        };
        InstallOutput = Run("dotnet", [TestPaths.KernelAssembly, "install-kernel", "--prefix", _root.Path], TimeSpan.FromMinutes(1));
        var (exit, _, stderr) = ProcessRunner.Run(TestPaths.Python, ["-c", "import jupyter_client, zmq, nbclient"], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, $"{TestPaths.Python} lacks Debian's python3-jupyter-client / python3-zmq / python3-nbclient " +
                               $"(bash .ci/install-prerequisites.sh installs them): {stderr}");
    }

    public string DataDirectory { get; }

    public string WorkDirectory { get; }

    public string InstallOutput { get; }

    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Runs a command in this environment; fails the test when it exits non-zero.</summary>
    public string Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var (exit, stdout, stderr) = ProcessRunner.Run(fileName, arguments, timeout, Variables.ToDictionary(), WorkDirectory);
        Assert.True(exit == 0, $"{fileName} {string.Join(' ', arguments)} exited {exit}\n{stdout}\n{stderr}");
        return stdout;
    }

    public void Dispose() => _root.Dispose();
}

namespace MultiLabelContrastive.Kernel.Tests.Support;

/// <summary>Where things are: the repository root (tests/Shared's <see cref="RepositoryRoot"/>), the kernel's own build output (same
/// configuration as the tests), and the Python that has Debian's jupyter_client.</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepositoryRoot.Path;

    /// <summary>The kernel's build folder, e.g. <c>lib/MultiLabelContrastive.Kernel/bin/Release/net10.0/linux-x64</c>:
    /// the tests' own output path below <c>bin/</c>, mapped onto the kernel project.</summary>
    public static string KernelDirectory
    {
        get
        {
            var testBin = Path.Combine(RepoRoot, "tests", "MultiLabelContrastive.Kernel.Tests", "bin");
            var relative = Path.GetRelativePath(testBin, AppContext.BaseDirectory);
            if (relative.StartsWith("..", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"tests run from {AppContext.BaseDirectory}, not below {testBin}");
            }

            return Path.Combine(RepoRoot, "lib", "MultiLabelContrastive.Kernel", "bin", relative);
        }
    }

    public static string KernelAssembly => Path.Combine(KernelDirectory, "MultiLabelContrastive.Kernel.dll");

    /// <summary>Debian's python3 (<c>/usr/bin/python3</c>, where apt installs jupyter_client) unless MLC_PYTHON says otherwise.</summary>
    public static string Python =>
        Environment.GetEnvironmentVariable("MLC_PYTHON") is { Length: > 0 } python ? python
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static string TestFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);
}

using System.Reflection;
using TorchSharp;

namespace MultiLabelContrastive.Devices;

/// <summary>The tensor engine this process runs: the TorchSharp and libtorch versions and libtorch's CPU thread count.</summary>
/// <param name="TorchSharpVersion">Version of the loaded TorchSharp assembly, e.g. "0.107.0".</param>
/// <param name="LibTorchVersion">Version of the native libtorch TorchSharp was built against, e.g. "2.10.0".</param>
/// <param name="Threads">libtorch's intra-op CPU thread count (<c>torch.get_num_threads()</c>), ≥ 1.</param>
public sealed record TorchRuntime(string TorchSharpVersion, string LibTorchVersion, int Threads)
{
    /// <summary>Reads the versions and thread count from the loaded TorchSharp and libtorch (loads the natives if needed).</summary>
    /// <returns>The runtime of this process, read now (the thread count can change with <c>torch.set_num_threads</c>).</returns>
    /// <remarks>The first call in a process sets the thread count first (<see cref="TorchThreads.Configure"/>).</remarks>
    public static TorchRuntime Current()
    {
        TorchThreads.Configure();
        return new(TorchSharpAssemblyVersion(), ThreeParts(torch.__version__), torch.get_num_threads());
    }

    private static string TorchSharpAssemblyVersion()
    {
        var assembly = typeof(torch).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrWhiteSpace(informational))
        {
            var plus = informational.IndexOf('+');   // "0.107.0+<commit>" → "0.107.0"
            return plus < 0 ? informational : informational[..plus];
        }
        return ThreeParts(assembly.GetName().Version?.ToString() ?? "unknown");
    }

    /// <summary>"2.10.0.0" → "2.10.0"; anything that is not a four-part version ending in .0 is returned as is.</summary>
    private static string ThreeParts(string version) =>
        Version.TryParse(version, out var v) && v.Revision == 0 ? $"{v.Major}.{v.Minor}.{v.Build}" : version;
}

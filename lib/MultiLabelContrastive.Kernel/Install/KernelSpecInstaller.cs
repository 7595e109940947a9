using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Server;

namespace MultiLabelContrastive.Kernel.Install;

/// <summary>
/// Writes the kernelspec <c>mlc-csharp</c> (<c>kernel.json</c>, <c>logo-32x32.png</c>, <c>logo-64x64.png</c>, and
/// <c>plotly.min.js</c>) into a Jupyter data folder's <c>kernels/</c>, where <c>jupyter kernelspec list</c>, JupyterLab and
/// VS Code find it. A Jupyter server serves the kernelspec's files at <c>kernelspecs/mlc-csharp/…</c>: the charts' HTML
/// loads plotly.js from there in front ends without a Plotly renderer (the classic Notebook), offline.
/// <c>argv</c> starts this very build of the kernel with the dotnet host that runs the installer.
/// </summary>
internal static class KernelSpecInstaller
{
    /// <summary>The user's Jupyter data folder: <c>$JUPYTER_DATA_DIR</c>, else <c>~/.local/share/jupyter</c>
    /// (<c>$XDG_DATA_HOME/jupyter</c>) on Linux, <c>~/Library/Jupyter</c> on macOS, <c>%APPDATA%\jupyter</c> on Windows —
    /// the folders jupyter_core searches.</summary>
    public static string UserDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } explicitDir)
        {
            return explicitDir;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    /// <summary>The data folder of an installation prefix: <c>&lt;prefix&gt;/share/jupyter</c> (what
    /// <c>jupyter kernelspec install --prefix</c> uses; add it to <c>JUPYTER_PATH</c> unless it is Jupyter's own prefix).</summary>
    public static string PrefixDataDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter");

    /// <summary>The <c>kernel.json</c> content.</summary>
    /// <param name="dotnetHost">The dotnet executable.</param>
    /// <param name="kernelAssembly">The kernel's <c>MultiLabelContrastive.Kernel.dll</c>.</param>
    public static JsonObject KernelJson(string dotnetHost, string kernelAssembly) => new()
    {
        ["argv"] = new JsonArray(dotnetHost, kernelAssembly, "-f", "{connection_file}"),
        ["display_name"] = JupyterKernel.DisplayName,
        ["language"] = "csharp",
        ["interrupt_mode"] = "message",
        ["env"] = new JsonObject(),
        ["metadata"] = new JsonObject
        {
            ["debugger"] = false,
            ["file_extensions"] = new JsonArray(".cs", ".csx"),
        },
    };

    /// <summary>Writes the kernelspec into <c>&lt;dataDirectory&gt;/kernels/mlc-csharp</c>, replacing an older one.</summary>
    /// <param name="dataDirectory">A Jupyter data folder.</param>
    /// <param name="dotnetHost">The dotnet executable for <c>argv</c>.</param>
    /// <param name="kernelAssembly">The kernel assembly for <c>argv</c>.</param>
    /// <returns>The kernelspec folder.</returns>
    public static string Install(string dataDirectory, string dotnetHost, string kernelAssembly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (!File.Exists(kernelAssembly))
        {
            throw new ArgumentException($"kernel assembly {kernelAssembly} does not exist", nameof(kernelAssembly));
        }

        var folder = Path.Combine(Path.GetFullPath(dataDirectory), "kernels", JupyterKernel.KernelName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(
            Path.Combine(folder, "kernel.json"),
            KernelJson(dotnetHost, kernelAssembly).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
            new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(folder, "logo-32x32.png"), LogoImage.Png(32));
        File.WriteAllBytes(Path.Combine(folder, "logo-64x64.png"), LogoImage.Png(64));
        File.WriteAllBytes(Path.Combine(folder, "plotly.min.js"), PlotlyScript());
        return folder;
    }

    /// <summary>plotly.js as Plotly.NET embeds it (the same copy the report uses).</summary>
    private static byte[] PlotlyScript()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var resource = assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>The dotnet executable running this process: the muxer of the shared framework in use (so the kernel
    /// starts even when dotnet is not on the PATH of VS Code or Jupyter), else <c>dotnet</c>.</summary>
    public static string CurrentDotnetHost()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll → .../dotnet/dotnet
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = framework is null ? null : Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));
        var muxer = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        if (muxer is not null && File.Exists(muxer))
        {
            return muxer;
        }

        return Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}

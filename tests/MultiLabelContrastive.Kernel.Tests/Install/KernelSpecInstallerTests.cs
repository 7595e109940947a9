using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Install;
using MultiLabelContrastive.Kernel.Tests.Support;

namespace MultiLabelContrastive.Kernel.Tests.Install;

public sealed class KernelSpecInstallerTests
{
    [Fact]
    public void Writes_kernel_json_two_logos_and_plotly_js_into_kernels_mlc_csharp()
    {
        using var temp = new TempFolder();
        var assembly = typeof(KernelSpecInstaller).Assembly.Location;
        var folder = KernelSpecInstaller.Install(temp.Path, "/opt/dotnet/dotnet", assembly);

        Assert.Equal(Path.Combine(temp.Path, "kernels", "mlc-csharp"), folder);
        Assert.Equal(["kernel.json", "logo-32x32.png", "logo-64x64.png", "plotly.min.js"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.StartsWith("/**\n* plotly.js v", File.ReadAllText(Path.Combine(folder, "plotly.min.js")), StringComparison.Ordinal);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!.AsObject();
        Assert.Equal(["/opt/dotnet/dotnet", assembly, "-f", "{connection_file}"], spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("C# (MultiLabelContrastive)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
    }

    [Fact]
    public void Installing_twice_replaces_the_spec()
    {
        using var temp = new TempFolder();
        var assembly = typeof(KernelSpecInstaller).Assembly.Location;
        KernelSpecInstaller.Install(temp.Path, "dotnet-old", assembly);
        var folder = KernelSpecInstaller.Install(temp.Path, "dotnet-new", assembly);
        Assert.Contains("dotnet-new", File.ReadAllText(Path.Combine(folder, "kernel.json")));
        Assert.DoesNotContain("dotnet-old", File.ReadAllText(Path.Combine(folder, "kernel.json")));
    }

    [Fact]
    public void A_missing_kernel_assembly_is_refused()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => KernelSpecInstaller.Install(temp.Path, "dotnet", "/nowhere/Kernel.dll"));
        Assert.Equal("kernelAssembly", e.ParamName);
    }

    [Fact]
    public void Prefix_and_user_folders_follow_jupyter_core()
    {
        Assert.Equal(Path.Combine("/venv", "share", "jupyter"), KernelSpecInstaller.PrefixDataDirectory("/venv"));
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is null && Environment.GetEnvironmentVariable("XDG_DATA_HOME") is null)
        {
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter"), KernelSpecInstaller.UserDataDirectory());
        }
    }

    [Fact]
    public void The_muxer_is_the_dotnet_running_the_tests()
    {
        var host = KernelSpecInstaller.CurrentDotnetHost();
        Assert.True(File.Exists(host), host);
        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(host));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Logo_is_a_png_of_the_requested_size_with_ink_and_background(int size)
    {
        var png = LogoImage.Png(size);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal((8, 6), (png[24], png[25])); // 8-bit RGBA

        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var inflate = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var pixels = raw.ToArray();
        Assert.Equal(size * (size * 4 + 1), pixels.Length);

        var colours = new HashSet<(byte, byte, byte, byte)>();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var i = y * (size * 4 + 1) + 1 + x * 4;
                colours.Add((pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]));
            }
        }

        Assert.Equal(3, colours.Count); // transparent corners, purple square, white "C#"
        Assert.Contains(((byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF), colours);
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }
}

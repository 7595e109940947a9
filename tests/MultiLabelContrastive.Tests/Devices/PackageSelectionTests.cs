using System.Text.Json;
using MultiLabelContrastive.Tests.Devcontainer;

namespace MultiLabelContrastive.Tests.Devices;

/// <summary>
/// The build-time backend: MSBuild evaluates which TorchSharp native package the core library references for each
/// TorchBackend (no restore: TorchSharp-cuda-linux need not be downloadable here for the selection to be checked).
/// </summary>
public class PackageSelectionTests
{
    private const string CoreProject = "lib/MultiLabelContrastive/MultiLabelContrastive.csproj";
    private const string TestProject = "tests/MultiLabelContrastive.Tests/MultiLabelContrastive.Tests.csproj";

    /// <summary>Evaluates a project with MSBuild; TorchBackend comes only from <paramref name="environmentValue"/> and the arguments.</summary>
    private static string Evaluate(string project, string query, string? environmentValue, params string[] properties)
    {
        var arguments = new List<string> { "msbuild", project, query, "-nologo", "-nodeReuse:false" };
        arguments.AddRange(properties.Select(p => "-p:" + p));
        var result = ExternalTool.Run(ExternalTool.Dotnet, arguments,
            new Dictionary<string, string?> { ["TorchBackend"] = environmentValue, ["MSBUILDTERMINALLOGGER"] = "off" });
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();   // JSON for -getItem; the bare value for a single -getProperty
    }

    private static IReadOnlyList<string> PackageReferences(string? environmentValue, params string[] properties) =>
        JsonDocument.Parse(Evaluate(CoreProject, "-getItem:PackageReference", environmentValue, properties)).RootElement
            .GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()!).ToList();

    [Fact]
    public void Cuda_backend_references_TorchSharp_cuda_linux_and_not_the_cpu_package()
    {
        var packages = PackageReferences(null, "TorchBackend=cuda");
        Assert.Contains("TorchSharp-cuda-linux", packages);
        Assert.Contains("TorchSharp", packages);
        Assert.DoesNotContain("TorchSharp-cpu", packages);
    }

    [Fact]
    public void Default_backend_references_TorchSharp_cpu_and_not_cuda()
    {
        var packages = PackageReferences(null);
        Assert.Contains("TorchSharp-cpu", packages);
        Assert.Contains("TorchSharp", packages);
        Assert.DoesNotContain("TorchSharp-cuda-linux", packages);
        Assert.Equal(packages.OrderBy(p => p), PackageReferences(null, "TorchBackend=cpu").OrderBy(p => p));
    }

    [Fact]
    public void Environment_variable_TorchBackend_selects_cuda_as_the_devcontainer_exports_it()
    {
        // .devcontainer/post-create.sh exports TorchBackend=cuda in the container's shells on a GPU host.
        var packages = PackageReferences("cuda");
        Assert.Contains("TorchSharp-cuda-linux", packages);
        Assert.DoesNotContain("TorchSharp-cpu", packages);
        // ... and -p:TorchBackend still wins over it.
        Assert.Contains("TorchSharp-cpu", PackageReferences("cuda", "TorchBackend=cpu"));
    }

    [Fact]
    public void TorchBackend_flows_to_the_projects_that_reference_the_library()
    {
        Assert.Equal("cpu", Evaluate(TestProject, "-getProperty:TorchBackend", null));
        Assert.Equal("cuda", Evaluate(TestProject, "-getProperty:TorchBackend", null, "TorchBackend=cuda"));
    }

    [Fact]
    public void TorchSharp_and_both_native_packages_share_one_central_version()
    {
        var versions = BuildFacts.PackageVersions();
        Assert.Equal(versions["TorchSharp"], versions["TorchSharp-cpu"]);
        Assert.Equal(versions["TorchSharp"], versions["TorchSharp-cuda-linux"]);
    }
}

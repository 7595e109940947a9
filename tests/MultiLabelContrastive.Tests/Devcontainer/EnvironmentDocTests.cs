using System.Text.RegularExpressions;
using MultiLabelContrastive.Devices;

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>environment.md states the real versions, every central package and paths that exist.</summary>
public class EnvironmentDocTests
{
    private static string Doc => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "environment.md"));

    private static bool HasRow(string doc, string first, string second) =>
        Regex.IsMatch(doc, $@"(?m)^\|\s*{Regex.Escape(first)}\s*\|\s*{Regex.Escape(second)}\b");

    [Fact]
    public void Every_central_package_is_listed_with_its_version()
    {
        var doc = Doc;
        var missing = BuildFacts.PackageVersions().Where(p => !HasRow(doc, $"`{p.Key}`", p.Value)).Select(p => $"{p.Key} {p.Value}").ToList();
        Assert.True(missing.Count == 0, "environment.md lacks a row '| `Id` | version |' for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Listed_packages_are_central_packages()
    {
        var central = BuildFacts.PackageVersions();
        var listed = Regex.Matches(Doc, @"(?m)^\|\s*`([\w.-]+)`\s*\|\s*(\d[\w.-]*)\s*\|").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, id => Assert.True(central.ContainsKey(id), $"{id} is listed but not in Directory.Packages.props"));
    }

    [Fact]
    public void Versions_table_matches_the_build_and_the_runtime()
    {
        var doc = Doc;
        var runtime = TorchRuntime.Current();
        Assert.True(HasRow(doc, "TorchSharp", runtime.TorchSharpVersion), "TorchSharp row");
        Assert.True(HasRow(doc, "libtorch (native)", runtime.LibTorchVersion), "libtorch row");
        Assert.Contains($"libtorch-cpu-linux-x64` {runtime.LibTorchVersion}", doc);
        Assert.Contains($"libtorch-cuda-12.8-linux-x64` {runtime.LibTorchVersion}", doc);

        var props = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Directory.Build.props"));
        var framework = Regex.Match(props, @"<TargetFramework>(net(\d+)\.0)</TargetFramework>");
        Assert.Contains($"`{framework.Groups[1].Value}`", doc);
        Assert.True(HasRow(doc, ".NET SDK", framework.Groups[2].Value + ".0"), ".NET SDK row");
    }

    [Fact]
    public void Cuda_version_is_the_one_TorchSharp_cuda_linux_uses()
    {
        var version = BuildFacts.PackageVersions()["TorchSharp"];
        var nuspec = File.ReadAllText(Path.Combine(BuildFacts.PackageFolder(), "torchsharp", version.ToLowerInvariant(), "torchsharp.nuspec"));
        var cuda = Regex.Match(nuspec, @"libtorch-cuda-(\d+\.\d+)-linux-x64").Groups[1].Value;
        Assert.True(HasRow(Doc, "CUDA", cuda), $"CUDA row with {cuda}");
        Assert.Contains($"nvidia/cuda:{cuda}.", Doc);
    }

    [Fact]
    public void Names_the_os_requirement_the_switches_and_the_check_command()
    {
        var doc = Doc;
        foreach (var text in new[]
                 {
                     "GLIBCXX_3.4.32", "Debian 12", ".ci/install-prerequisites.sh", "TorchBackend", "-p:TorchBackend=cuda",
                     DeviceSelector.EnvironmentVariable, "`auto`, `cpu`, `cuda` (= `cuda:0`), `cuda:N`",
                     "dotnet msbuild lib/MultiLabelContrastive/MultiLabelContrastive.csproj -getItem:PackageReference -p:TorchBackend=cuda",
                     $"@devcontainers/cli@{DevcontainerCli.Version}", "Polyglot Notebooks", "## Expected run times",
                 })
            Assert.Contains(text, doc);
    }

    [Fact]
    public void Repository_paths_it_names_exist()
    {
        var root = RepositoryRoot.Path;
        var paths = Regex.Matches(Doc, @"`((?:lib|tests|notebooks|\.devcontainer|\.ci)/[^`\s*]+)`").Select(m => m.Groups[1].Value.TrimEnd('/')).Distinct().ToList();
        Assert.NotEmpty(paths);
        var missing = paths.Where(p => !File.Exists(Path.Combine(root, p)) && !Directory.Exists(Path.Combine(root, p))).ToList();
        Assert.True(missing.Count == 0, "environment.md names missing paths: " + string.Join(", ", missing));
    }
}

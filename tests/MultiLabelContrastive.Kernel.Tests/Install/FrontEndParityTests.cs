using System.Xml.Linq;
using MultiLabelContrastive.Kernel.Tests.Support;

namespace MultiLabelContrastive.Kernel.Tests.Install;

/// <summary>The kernel and the runner are two front ends of one engine: a notebook's <c>#r</c> lines resolve against
/// the host's own assemblies, so both must carry the same libraries and packages, or a notebook that runs headless
/// fails in VS Code (or the other way round).</summary>
public sealed class FrontEndParityTests
{
    [Fact]
    public void Kernel_references_every_library_and_package_the_runner_references()
    {
        var runner = References(Path.Combine(TestPaths.RepoRoot, "lib", "MultiLabelContrastive.Runner", "MultiLabelContrastive.Runner.csproj"));
        var kernel = References(Path.Combine(TestPaths.RepoRoot, "lib", "MultiLabelContrastive.Kernel", "MultiLabelContrastive.Kernel.csproj"));
        string[] consoleOnly = ["System.CommandLine", "Spectre.Console"]; // the runner's own command line and progress display
        var missing = runner.Except(consoleOnly).Except(kernel).ToList();
        Assert.True(missing.Count == 0, $"the kernel lacks what the runner carries: {string.Join(", ", missing)}");
    }

    private static IReadOnlyList<string> References(string project)
    {
        Assert.True(File.Exists(project), project);
        var document = XDocument.Load(project);
        return document.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Concat(document.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value))
            .ToList();
    }
}

using System.Xml.Linq;
using MultiLabelContrastive.Kernel.Tests.Support;

namespace MultiLabelContrastive.Kernel.Tests.Install;

/// <summary>The kernel and the runner are two front ends of one engine: a notebook's <c>#r</c> lines resolve against
/// the host's own assemblies, so both must carry the same libraries and packages, or a notebook that runs headless
/// fails in VS Code (or the other way round). Both take them from one list, lib/NotebookHost.props.</summary>
public sealed class FrontEndParityTests
{
    private static string Lib => Path.Combine(TestPaths.RepoRoot, "lib");

    [Theory]
    [InlineData("MultiLabelContrastive.Runner")]
    [InlineData("MultiLabelContrastive.Kernel")]
    public void Each_front_end_takes_its_libraries_from_the_shared_list_only(string frontEnd)
    {
        var project = Load(Path.Combine(Lib, frontEnd, frontEnd + ".csproj"));
        Assert.Contains(project.Descendants("Import"), i => i.Attribute("Project")?.Value.Replace('\\', '/') == "../NotebookHost.props");
        var own = project.Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value).ToList();
        Assert.True(own.Count == 0, $"{frontEnd} references libraries outside lib/NotebookHost.props: {string.Join(", ", own)}");
        var packages = project.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value);
        string[] ownPackages = frontEnd.EndsWith("Runner", StringComparison.Ordinal)
            ? ["System.CommandLine", "Spectre.Console"] // the runner's command line and progress display
            : ["NetMQ"];                                // the kernel's Jupyter transport
        Assert.Equal(ownPackages.Order(), packages.Order());
    }

    [Fact]
    public void The_shared_list_holds_the_engine_and_every_library_of_lib()
    {
        var listed = Load(Path.Combine(Lib, "NotebookHost.props")).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToHashSet();
        string[] frontEnds = ["MultiLabelContrastive.Runner", "MultiLabelContrastive.Kernel"];
        var libraries = Directory.GetDirectories(Lib).Select(Path.GetFileName).Where(d => File.Exists(Path.Combine(Lib, d!, d + ".csproj")))
            .Except(frontEnds).ToList();
        Assert.NotEmpty(libraries);
        Assert.Equal(libraries.Order(), listed.Order());
        foreach (var name in listed) Assert.True(File.Exists(Path.Combine(Lib, name, name + ".csproj")), name);
    }

    private static XDocument Load(string path)
    {
        Assert.True(File.Exists(path), path);
        return XDocument.Load(path);
    }
}

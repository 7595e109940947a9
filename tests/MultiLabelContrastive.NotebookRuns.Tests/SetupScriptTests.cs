using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MultiLabelContrastive.NotebookRuns.Tests;

/// <summary>
/// The shared setup script and the results notebooks' shared parts, read as files (no notebook runs): package versions
/// come from Directory.Packages.props, every notebook loads setup.csx instead of a copied setup cell, and the results
/// notebooks declare every parameter results.csx reads.
/// </summary>
public sealed class SetupScriptTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string Notebooks = Path.Combine(Root, "notebooks");

    private static IReadOnlyList<string> CodeCells(string notebook) =>
        JsonNode.Parse(File.ReadAllText(notebook))!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => c!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)c["source"] ?? "")
            .ToList();

    private static IEnumerable<string> AllNotebooks() => Directory.GetFiles(Notebooks, "*.ipynb").Order(StringComparer.Ordinal);

    [Fact]
    public void SetupPackageVersionsAreThoseOfDirectoryPackagesProps()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var references = Regex.Matches(File.ReadAllText(Path.Combine(Notebooks, "setup.csx")), @"#r\s+""nuget:\s*([^,""]+),\s*([^""]+)""");
        Assert.NotEmpty(references);
        foreach (Match r in references)
        {
            var (id, version) = (r.Groups[1].Value.Trim(), r.Groups[2].Value.Trim());
            Assert.True(props.TryGetValue(id, out var expected), $"setup.csx references {id}, which Directory.Packages.props does not pin.");
            Assert.True(expected == version, $"setup.csx: {id} {version}, Directory.Packages.props: {expected}.");
        }
    }

    [Fact]
    public void SetupLibrariesAreCarriedByTheRunnerAndTheKernel()
    {
        var libraries = Regex.Matches(File.ReadAllText(Path.Combine(Notebooks, "setup.csx")), @"#r\s+""\.\./lib/([^/]+)/bin/Release/net10\.0/linux-x64/\1\.dll""")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("MultiLabelContrastive", libraries);
        Assert.Contains("MultiLabelContrastive.Reproduction", libraries);
        // Both front ends take their libraries from one list, lib/NotebookHost.props, which each imports.
        var hostList = File.ReadAllText(Path.Combine(Root, "lib", "NotebookHost.props"));
        foreach (var library in libraries)
            Assert.True(hostList.Contains($"$(MSBuildThisFileDirectory){library}/{library}.csproj", StringComparison.Ordinal),
                $"lib/NotebookHost.props does not reference {library}, which setup.csx loads.");
        foreach (var host in new[] { "MultiLabelContrastive.Runner", "MultiLabelContrastive.Kernel" })
        {
            var project = File.ReadAllText(Path.Combine(Root, "lib", host, host + ".csproj"));
            Assert.True(project.Contains("<Import Project=\"../NotebookHost.props\" />", StringComparison.Ordinal),
                $"{host} does not import lib/NotebookHost.props, the libraries setup.csx loads.");
        }
    }

    [Fact]
    public void EveryNotebookLoadsTheSetupScriptAndCopiesNoSetup()
    {
        foreach (var notebook in AllNotebooks())
        {
            var cells = CodeCells(notebook);
            var name = Path.GetFileName(notebook);
            Assert.True(cells.Count > 0, $"{name} has no code cell");
            Assert.StartsWith("#load \"setup.csx\"", cells[0].TrimStart(), StringComparison.Ordinal);
            Assert.DoesNotContain(cells, c => Regex.IsMatch(c, @"^\s*#r\s", RegexOptions.Multiline));
        }
    }

    [Fact]
    public void ResultsNotebooksCallTheSharedRunnerWithTheirTableAndDeclareWhatResultsCsxReads()
    {
        var shared = File.ReadAllText(Path.Combine(Notebooks, "results.csx"));
        var read = Regex.Matches(shared, @"^\s*\w+ = (?:OrNull\()?(\w+)\)?,$|RunSizes\.From\((\w+), (\w+)\)", RegexOptions.Multiline)
            .SelectMany(m => m.Groups.Cast<Group>().Skip(1).Where(g => g.Success).Select(g => g.Value)).Distinct().ToList();
        Assert.Contains("Quick", read);
        Assert.Contains("ResultsStore", read);
        var tables = new HashSet<string>();
        foreach (var notebook in AllNotebooks().Where(n => Regex.IsMatch(Path.GetFileName(n), @"^1[0-6]-")))
        {
            var cells = CodeCells(notebook);
            var name = Path.GetFileName(notebook);
            var parameters = cells[1];
            foreach (var variable in read)
                Assert.True(Regex.IsMatch(parameters, $@"\b{variable}\s*="), $"{name}: the parameters cell does not declare {variable}, which results.csx reads.");
            var calls = cells.SelectMany(c => Regex.Matches(c, @"TablePlan\.For\(""(\w+)"", ""(\w+)""").Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")).ToList();
            Assert.True(calls.Count == 1, $"{name}: expected one TablePlan.For call, found {calls.Count}.");
            Assert.True(tables.Add(calls[0]), $"{name}: table {calls[0]} is run by another notebook too.");
            Assert.Contains(cells, c => c.Contains("#load \"results.csx\"", StringComparison.Ordinal));
            Assert.DoesNotContain(cells, c => c.Contains("TableRuns.Run(", StringComparison.Ordinal));
        }
        Assert.Equal(7, tables.Count);
    }
}

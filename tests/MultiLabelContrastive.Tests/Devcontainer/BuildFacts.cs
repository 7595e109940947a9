using System.Text.Json;
using System.Xml.Linq;

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>
/// Facts read from the repository's build files and this test project's restore output, so that the environment
/// tests compare against the real versions instead of repeating them.
/// </summary>
public static class BuildFacts
{
    /// <summary>Every central package version of Directory.Packages.props: package id → version.</summary>
    public static IReadOnlyDictionary<string, string> PackageVersions()
    {
        var path = Path.Combine(RepositoryRoot.Path, "Directory.Packages.props");
        var versions = XDocument.Load(path).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        if (versions.Count == 0) throw new InvalidDataException($"No PackageVersion in {path}.");
        return versions;
    }

    /// <summary>The "libraries" keys ("Name/Version") of this test project's obj/project.assets.json.</summary>
    public static IReadOnlyList<string> RestoredLibraries() => Assets().RootElement.GetProperty("libraries")
        .EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>The NuGet package folder the test project restored into (from project.assets.json).</summary>
    public static string PackageFolder() => Assets().RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;

    /// <summary>The restored version of a package (case-insensitive id), or null when it was not restored.</summary>
    public static string? RestoredVersion(string id) => RestoredLibraries()
        .Select(l => l.Split('/'))
        .Where(p => string.Equals(p[0], id, StringComparison.OrdinalIgnoreCase))
        .Select(p => p[1])
        .FirstOrDefault();

    private static JsonDocument Assets()
    {
        var path = Path.Combine(RepositoryRoot.Path, "tests", "MultiLabelContrastive.Tests", "obj", "project.assets.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: restore the test project first.", path);
        return JsonDocument.Parse(File.ReadAllText(path));
    }
}

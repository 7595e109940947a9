namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c> without downloading anything: first the host's own packages (its
/// <c>.deps.json</c>; the package and its dependencies, the very copies the host has loaded), then the NuGet global
/// packages folder (the package's <c>lib/&lt;best framework&gt;/*.dll</c>, dependencies not followed).
/// </summary>
internal sealed class NuGetResolver(HostAssemblies host, string packagesFolder)
{
    private static readonly string[] FrameworkPreference =
    [
        "net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0",
        "netstandard1.6", "netstandard1.3", "netstandard1.0",
    ];

    public static string DefaultPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Assembly paths for the package.</summary>
    /// <exception cref="NuGetResolutionException">Not found in the requested version.</exception>
    public IReadOnlyList<string> Resolve(NuGetReference reference)
    {
        var hostPackage = host.FindPackage(reference.Id);
        if (hostPackage is not null)
        {
            if (reference.Version is null || SameVersion(reference.Version, hostPackage.Version))
            {
                return host.ClosureAssemblies(hostPackage);
            }

            throw new NuGetResolutionException(
                $"#r \"{reference}\": this executor was built with {hostPackage.Id} {hostPackage.Version}, and one process cannot load two versions. " +
                $"Ask for version {hostPackage.Version} (the version in Directory.Packages.props).");
        }

        var packageFolder = Path.Combine(packagesFolder, reference.Id.ToLowerInvariant());
        var versions = Directory.Exists(packageFolder)
            ? Directory.GetDirectories(packageFolder).Select(Path.GetFileName).OfType<string>().ToList()
            : [];
        var version = reference.Version is null
            ? versions.OrderByDescending(v => Version.TryParse(v.Split('-')[0], out var parsed) ? parsed : new Version()).FirstOrDefault()
            : versions.FirstOrDefault(v => SameVersion(v, reference.Version));
        if (version is not null)
        {
            var lib = Path.Combine(packageFolder, version, "lib");
            foreach (var framework in FrameworkPreference)
            {
                var folder = Path.Combine(lib, framework);
                if (Directory.Exists(folder) && Directory.GetFiles(folder, "*.dll") is { Length: > 0 } dlls)
                {
                    return dlls.OrderBy(d => d, StringComparer.Ordinal).ToList();
                }
            }

            throw new NuGetResolutionException(
                $"#r \"{reference}\": {reference.Id} {version} is in {packagesFolder} but has no assemblies for .NET (lib/net*/ or lib/netstandard*/).");
        }

        var available = versions.Count > 0 ? $"versions restored there: {string.Join(", ", versions)}" : "no version of it is restored there";
        throw new NuGetResolutionException(
            $"#r \"{reference}\": package not found. The executor does not download packages; it takes them from its own build " +
            $"({host.PackageList().Count()} packages) or from the NuGet cache {packagesFolder} ({available}). " +
            "Add the package to Directory.Packages.props and to a project the executor references, or restore it, then rebuild.");
    }

    private static bool SameVersion(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string version)
    {
        var parts = version.Split('-', 2);
        var numbers = parts[0].Split('.').ToList();
        while (numbers.Count > 3 && numbers[^1] == "0")
        {
            numbers.RemoveAt(numbers.Count - 1);
        }

        while (numbers.Count < 3)
        {
            numbers.Add("0");
        }

        return string.Join('.', numbers) + (parts.Length > 1 ? "-" + parts[1] : "");
    }
}

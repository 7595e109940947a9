using System.Text.Json;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// The assemblies the host process carries: the trusted platform assemblies (framework + application, by simple name)
/// and the NuGet packages of the application's <c>.deps.json</c> (name, version, runtime assemblies, dependencies).
/// Cells reference these copies, so a notebook and the host share one TorchSharp, one Plotly.NET, one core library.
/// </summary>
internal sealed class HostAssemblies
{
    private static readonly Lazy<HostAssemblies> Instance = new(() => new HostAssemblies());

    private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HostPackage> _packages = new(StringComparer.OrdinalIgnoreCase);

    private HostAssemblies()
    {
        var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            _byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        FrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
        FrameworkAssemblies = _byName.Values
            .Where(p => string.Equals(Path.GetDirectoryName(p), FrameworkDirectory, StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

        var depsFiles = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var appDeps = depsFiles.FirstOrDefault(f => !f.StartsWith(FrameworkDirectory, StringComparison.Ordinal) && File.Exists(f));
        if (appDeps is not null)
        {
            ReadDeps(appDeps);
        }
    }

    public static HostAssemblies Current => Instance.Value;

    /// <summary>The shared framework's folder (Microsoft.NETCore.App).</summary>
    public string FrameworkDirectory { get; }

    /// <summary>Paths of every framework assembly: the default references of a cell.</summary>
    public IReadOnlyList<string> FrameworkAssemblies { get; }

    /// <summary>The host's copy of the assembly with this simple name, or null.</summary>
    public string? FindAssembly(string simpleName) => _byName.GetValueOrDefault(simpleName);

    /// <summary>The host's package of this id, or null.</summary>
    public HostPackage? FindPackage(string id) => _packages.GetValueOrDefault(id);

    /// <summary>Runtime assembly paths of a package and of all packages it depends on, transitively.</summary>
    public IReadOnlyList<string> ClosureAssemblies(HostPackage package)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var paths = new List<string>();
        var pending = new Stack<HostPackage>([package]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current.Id))
            {
                continue;
            }

            paths.AddRange(current.AssemblyNames.Select(FindAssembly).OfType<string>());
            foreach (var dependency in current.Dependencies)
            {
                if (FindPackage(dependency) is { } next)
                {
                    pending.Push(next);
                }
            }
        }

        return paths.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Ids and versions of the host's packages, for error messages.</summary>
    public IEnumerable<string> PackageList() =>
        _packages.Values.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Id} {p.Version}");

    private void ReadDeps(string depsPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsPath));
        var root = document.RootElement;
        if (!root.TryGetProperty("runtimeTarget", out var runtimeTarget)
            || !runtimeTarget.TryGetProperty("name", out var targetName)
            || !root.TryGetProperty("targets", out var targets)
            || !targets.TryGetProperty(targetName.GetString() ?? "", out var target))
        {
            return;
        }

        var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("libraries", out var libraries))
        {
            foreach (var library in libraries.EnumerateObject())
            {
                types[library.Name] = library.Value.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "";
            }
        }

        foreach (var entry in target.EnumerateObject())
        {
            var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || types.GetValueOrDefault(entry.Name) != "package")
            {
                continue;
            }

            var assemblies = entry.Value.TryGetProperty("runtime", out var runtime)
                ? runtime.EnumerateObject().Select(r => Path.GetFileNameWithoutExtension(r.Name)).ToList()
                : [];
            var dependencies = entry.Value.TryGetProperty("dependencies", out var deps)
                ? deps.EnumerateObject().Select(d => d.Name).ToList()
                : [];
            var package = new HostPackage(entry.Name[..slash], entry.Name[(slash + 1)..], assemblies, dependencies);
            _packages[package.Id] = package;
        }
    }
}

/// <summary>A NuGet package the host was built with.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="AssemblyNames">Simple names of its runtime assemblies.</param>
/// <param name="Dependencies">Ids of the packages it depends on.</param>
internal sealed record HostPackage(string Id, string Version, IReadOnlyList<string> AssemblyNames, IReadOnlyList<string> Dependencies);

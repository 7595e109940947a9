using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// Resolves a cell's <c>#r</c> directives: <c>"nuget: Name, Version"</c> through <see cref="NuGetResolver"/>; a path or
/// name whose simple name the host carries (the core library, TorchSharp, Plotly.NET, …) to the host's own copy, so that
/// only one copy of each assembly is ever loaded; anything else as a file relative to the notebook's folder.
/// Missing dependencies of referenced assemblies are taken from the host too.
/// </summary>
internal sealed class ScriptReferenceResolver(HostAssemblies host, NuGetResolver nuget, string baseDirectory) : MetadataReferenceResolver
{
    private readonly ScriptMetadataResolver _files = ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory);

    public override bool ResolveMissingAssemblies => true;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(
        string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (NuGetReference.IsNuGet(reference))
        {
            try
            {
                // Roslyn binds one assembly per #r: the package's main assembly here; ScriptSession adds the rest
                // (other assemblies of the package, its dependencies) to the session's references beforehand.
                var package = NuGetReference.Parse(reference);
                return [MetadataReference.CreateFromFile(MainAssembly(package, nuget.Resolve(package)), properties)];
            }
            catch (NuGetResolutionException)
            {
                return []; // reported with its full message before compilation (ScriptSession checks nuget directives first)
            }
        }

        var simpleName = reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || reference.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileNameWithoutExtension(reference)
            : Path.GetFileName(reference);
        if (host.FindAssembly(simpleName) is { } hostCopy)
        {
            return [MetadataReference.CreateFromFile(hostCopy, properties)];
        }

        return _files.ResolveReference(reference, baseFilePath, properties);
    }

    /// <summary>The assembly named like the package, else the first one.</summary>
    public static string MainAssembly(NuGetReference package, IReadOnlyList<string> paths) =>
        paths.FirstOrDefault(p => string.Equals(Path.GetFileNameWithoutExtension(p), package.Id, StringComparison.OrdinalIgnoreCase))
        ?? paths[0];

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        host.FindAssembly(referenceIdentity.Name) is { } path ? MetadataReference.CreateFromFile(path) : null;

    public override bool Equals(object? other) =>
        other is ScriptReferenceResolver r && string.Equals(r.BaseDirectory, BaseDirectory, StringComparison.Ordinal);

    public override int GetHashCode() => BaseDirectory.GetHashCode(StringComparison.Ordinal);

    private string BaseDirectory => baseDirectory;
}

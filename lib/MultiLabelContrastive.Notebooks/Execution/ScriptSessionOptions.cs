using MultiLabelContrastive.Notebooks.Formatting;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>Settings of a <see cref="ScriptSession"/>.</summary>
public sealed record ScriptSessionOptions
{
    /// <summary>Folder that relative <c>#r "path"</c> and <c>#load "file.csx"</c> resolve against, normally the
    /// notebook's folder; the current directory when null.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>A name for the source in stack traces and compile errors, normally the notebook's file name.</summary>
    public string SourceName { get; init; } = "notebook";

    /// <summary>Formats <c>display(x)</c> values and trailing expressions; <see cref="MimeFormatter.Default"/> when null.</summary>
    public MimeFormatter? Formatter { get; init; }

    /// <summary>Namespaces imported in every cell (like implicit usings).</summary>
    public IReadOnlyList<string> Imports { get; init; } = DefaultImports;

    /// <summary>Folder of the NuGet global packages cache for <c>#r "nuget: …"</c> of packages the host does not carry;
    /// <c>$NUGET_PACKAGES</c> or <c>~/.nuget/packages</c> when null.</summary>
    public string? NuGetPackagesFolder { get; init; }

    /// <summary>Time the cell has to stop after a timeout or interrupt before the session is declared broken.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The default imports: System, collections, LINQ, IO, text, tasks and the engine's display types.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
    [
        "System",
        "System.Collections.Generic",
        "System.IO",
        "System.Linq",
        "System.Text",
        "System.Threading",
        "System.Threading.Tasks",
        "MultiLabelContrastive.Notebooks.Formatting",
    ];
}

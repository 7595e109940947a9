namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>A <c>#r "nuget: Name, Version"</c> directive's package (version optional, as in .NET Interactive).</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Requested version, or null for "the one the host has, else the newest restored".</param>
internal sealed record NuGetReference(string Id, string? Version)
{
    public const string Prefix = "nuget:";

    public static bool IsNuGet(string reference) => reference.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>nuget: Name[, Version]</c>.</summary>
    /// <exception cref="NuGetResolutionException">Malformed: no name, or more than two parts.</exception>
    public static NuGetReference Parse(string reference)
    {
        var body = reference.TrimStart()[Prefix.Length..];
        var parts = body.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || parts.Any(p => p.Contains(' ', StringComparison.Ordinal)))
        {
            throw new NuGetResolutionException($"#r \"{reference}\": expected \"nuget: Name, Version\" (the version may be left out).");
        }

        return new NuGetReference(parts[0], parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null);
    }

    /// <inheritdoc />
    public override string ToString() => Version is null ? $"nuget: {Id}" : $"nuget: {Id}, {Version}";
}

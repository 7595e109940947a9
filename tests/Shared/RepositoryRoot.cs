namespace MultiLabelContrastive.TestSupport;

/// <summary>
/// The repository root (the first ancestor of the test binaries that holds Notebooks.sln) and the folders tests read
/// beside it. Linked into every test project (tests/Shared), so there is one copy.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>Absolute path of the repository root.</summary>
    public static string Path { get; } = Find();

    /// <summary>
    /// A folder of the shared data beside the repository (../shared/…), or the one an environment variable names.
    /// Missing is an error naming both ways to provide it — never a skip.
    /// </summary>
    /// <param name="environmentVariable">Overrides the default location when set (e.g. GOLDEN_DIR, YEAST_DIR).</param>
    /// <param name="parts">The path below ../shared, e.g. "data", "yeast".</param>
    public static string SharedFolder(string environmentVariable, params string[] parts)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        var folder = string.IsNullOrWhiteSpace(fromEnvironment)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine([Path, "..", "shared", .. parts]))
            : System.IO.Path.GetFullPath(fromEnvironment);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(
                $"Folder '{folder}' does not exist. Set {environmentVariable} or place the shared folder beside the repository.");
        return folder;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Notebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Notebooks.sln above {AppContext.BaseDirectory}.");
    }
}

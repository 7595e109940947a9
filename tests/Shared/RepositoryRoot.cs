namespace MultiLabelContrastive.TestSupport;

/// <summary>
/// The repository root (the first ancestor of the test binaries that holds Notebooks.sln) and the folders tests read
/// beside it. Linked into every test project (tests/Shared), so there is one copy.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>Absolute path of the repository root.</summary>
    public static string Path { get; } = Find();

    /// <summary>The real yeast split committed with the repository (notebooks/data/yeast), or YEAST_DIR when set.</summary>
    public static string YeastFolder => DataFolder("YEAST_DIR", "notebooks", "data", "yeast");

    /// <summary>The golden reference files committed with the repository (tests/golden), or GOLDEN_DIR when set.</summary>
    public static string GoldenFolder => DataFolder("GOLDEN_DIR", "tests", "golden");

    /// <summary>
    /// A data folder of the repository, or the one an environment variable names. Missing is an error naming both
    /// ways to provide it — never a skip.
    /// </summary>
    /// <param name="environmentVariable">Overrides the default location when set (e.g. GOLDEN_DIR, YEAST_DIR).</param>
    /// <param name="parts">The path below the repository root, e.g. "tests", "golden".</param>
    public static string DataFolder(string environmentVariable, params string[] parts) =>
        DataFolderFrom(Environment.GetEnvironmentVariable(environmentVariable), environmentVariable, parts);

    /// <summary>
    /// <see cref="DataFolder"/> for a given override value instead of the environment's (null or blank: the
    /// repository's folder), so that tests can check the override without setting process-wide variables.
    /// </summary>
    public static string DataFolderFrom(string? overrideFolder, string environmentVariable, params string[] parts)
    {
        var folder = string.IsNullOrWhiteSpace(overrideFolder)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine([Path, .. parts]))
            : System.IO.Path.GetFullPath(overrideFolder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(
                $"Folder '{folder}' does not exist. Set {environmentVariable} to a folder of the same layout, or restore "
                + $"{System.IO.Path.Combine(parts)} from the repository.");
        return folder;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Notebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Notebooks.sln above {AppContext.BaseDirectory}.");
    }
}

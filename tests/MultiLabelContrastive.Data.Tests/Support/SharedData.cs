namespace MultiLabelContrastive.Data.Tests.Support;

/// <summary>
/// Locates the shared yeast files: the folder named by YEAST_DIR, else ../shared/data/yeast beside the repository
/// root. A missing folder is a failure, never a skip.
/// </summary>
public static class SharedData
{
    /// <summary>The yeast folder in use.</summary>
    public static string YeastFolder
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("YEAST_DIR");
            var folder = string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "data", "yeast"))
                : Path.GetFullPath(fromEnvironment);
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException(
                    $"Yeast folder '{folder}' does not exist. Set YEAST_DIR or place the shared folder beside the repository.");
            return folder;
        }
    }
}

/// <summary>The repository root: the first ancestor of the test binaries that holds Notebooks.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>Absolute path of the repository root.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Notebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Notebooks.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A fresh temporary folder deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder under the system temp path.</summary>
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlc-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Path of a file or folder inside.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

namespace MultiLabelContrastive.Training.Tests.Support;

/// <summary>Locates the shared yeast files: YEAST_DIR, else ../shared/data/yeast beside the repository root (a missing
/// folder is a failure, never a skip).</summary>
internal static class SharedData
{
    public static string YeastFolder
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("YEAST_DIR");
            var folder = string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "yeast"))
                : Path.GetFullPath(fromEnvironment);
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"Yeast folder '{folder}' does not exist. Set YEAST_DIR or place the shared folder beside the repository.");
            return folder;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Notebooks.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A fresh temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlc-training-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A synchronous progress receiver (System.Progress posts to the thread pool instead).</summary>
internal sealed class ProgressLog(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}

using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Training.Tests.Support;

/// <summary>The yeast files: YEAST_DIR, else notebooks/data/yeast of the repository (a missing folder
/// is a failure, never a skip).</summary>
internal static class SharedData
{
    public static string YeastFolder => RepositoryRoot.YeastFolder;
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

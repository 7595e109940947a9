using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Data.Tests.Support;

/// <summary>
/// Locates the yeast files: the folder named by YEAST_DIR, else notebooks/data/yeast of the
/// repository. A missing folder is a failure, never a skip.
/// </summary>
public static class SharedData
{
    /// <summary>The yeast folder in use.</summary>
    public static string YeastFolder => RepositoryRoot.YeastFolder;
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

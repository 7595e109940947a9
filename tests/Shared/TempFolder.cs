namespace MultiLabelContrastive.TestSupport;

/// <summary>
/// A fresh folder below the system temp folder (<c>{prefix}-{guid}</c>), deleted with everything in it on dispose.
/// Linked into every test project (tests/Shared), so there is one copy.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    /// <param name="prefix">Start of the folder's name, to tell which tests left it behind if deleting fails.</param>
    public TempFolder(string prefix = "mlc-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Path of a file or folder inside.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder; a file a process still holds is left to the OS's temp cleaning.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

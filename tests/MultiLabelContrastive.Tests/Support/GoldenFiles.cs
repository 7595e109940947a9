using System.Text.Json;
using MultiLabelContrastive.TestSupport;

namespace MultiLabelContrastive.Tests.Support;

/// <summary>
/// Locates and reads the golden reference files: the folder named by the GOLDEN_DIR environment variable,
/// else tests/golden of the repository. A missing folder, file or an empty file is a failure,
/// never a skip.
/// </summary>
public static class GoldenFiles
{
    /// <summary>The golden folder in use: GOLDEN_DIR when set, else tests/golden of the repository.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string Folder => RepositoryRoot.GoldenFolder;

    /// <summary>Every case of a golden JSON array file in <see cref="Folder"/>, e.g. "losses.json".</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a JSON array, or has no cases.</exception>
    public static IReadOnlyList<JsonElement> ReadCases(string fileName) => ReadCases(Folder, fileName);

    /// <summary>The golden folder for a GOLDEN_DIR value (null or blank: tests/golden of the repository).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string FolderFrom(string? goldenDir) => RepositoryRoot.DataFolderFrom(goldenDir, "GOLDEN_DIR", "tests", "golden");

    /// <summary>Every case of a golden JSON array file in the given folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a JSON array, or has no cases.</exception>
    public static IReadOnlyList<JsonElement> ReadCases(string folder, string fileName)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Golden folder '{folder}' does not exist.");
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Golden file '{path}' is missing.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"Golden file '{path}' is not a JSON array of cases.");
        var cases = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        if (cases.Count == 0) throw new InvalidDataException($"Golden file '{path}' has no cases.");
        return cases;
    }
}


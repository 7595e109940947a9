using System.Text.Json;
using MultiLabelContrastive.Tests.Support;

namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>The golden-file helper fails (never skips) when the folder or file is missing or holds no case.</summary>
public class GoldenFilesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("golden-test-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheDefaultFolderIsTheRepositorysGoldenCopy()
    {
        var expected = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "tests", "golden"));
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("GOLDEN_DIR"))) Assert.Equal(expected, GoldenFiles.Folder);
        Assert.Equal(expected, GoldenFiles.FolderFrom(null));
        Assert.Equal(expected, GoldenFiles.FolderFrom("  "));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "Notebooks.sln")));
        foreach (var file in new[] { "relations.json", "losses.json", "metrics.json", "PROVENANCE.md" })
            Assert.True(File.Exists(Path.Combine(expected, file)), $"{file} is missing from the repository's golden copy");
    }

    [Fact]
    public void GoldenDirOverridesTheFolder()
    {
        File.WriteAllText(Path.Combine(folder, "metrics.json"), "[{\"name\": \"a\"},\n{\"name\": \"b\"}]");
        Assert.Equal(folder, GoldenFiles.FolderFrom(folder));
        var cases = GoldenFiles.ReadCases(GoldenFiles.FolderFrom(folder), "metrics.json");
        Assert.Equal(["a", "b"], cases.Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public void AMissingFolderFails() =>
        Assert.Contains("GOLDEN_DIR", Assert.Throws<DirectoryNotFoundException>(() => GoldenFiles.FolderFrom(Path.Combine(folder, "absent"))).Message);

    [Fact]
    public void AMissingFileFails() =>
        Assert.Throws<FileNotFoundException>(() => GoldenFiles.ReadCases(folder, "metrics.json"));

    [Theory]
    [InlineData("[]", "no cases")]
    [InlineData("{\"name\": \"a\"}", "not a JSON array")]
    public void AFileWithoutCasesFails(string content, string message)
    {
        File.WriteAllText(Path.Combine(folder, "metrics.json"), content);
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => GoldenFiles.ReadCases(folder, "metrics.json")).Message);
    }

    [Fact]
    public void InvalidJsonFails()
    {
        File.WriteAllText(Path.Combine(folder, "metrics.json"), "[{\"name\": ");
        Assert.ThrowsAny<JsonException>(() => GoldenFiles.ReadCases(folder, "metrics.json"));
    }
}

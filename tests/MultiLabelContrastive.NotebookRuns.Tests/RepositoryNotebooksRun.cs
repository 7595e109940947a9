using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MultiLabelContrastive.NotebookRuns.Tests;

/// <summary>
/// Runs every notebook of notebooks/ once, in quick mode, with the real runner in its own process (the README's main
/// job), and gives the tests the executed notebooks to read computed values from.
/// </summary>
public sealed class RepositoryNotebooksRun : IAsyncLifetime
{
    public string Root { get; } = RepositoryRoot.Path;

    public string Output { get; } = Path.Combine(Path.GetTempPath(), "mlc-notebook-runs-" + Guid.NewGuid().ToString("N")[..8]);

    public int ExitCode { get; private set; }

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var runner = Path.Combine(Root, "lib", "MultiLabelContrastive.Runner", "bin", configuration, "net10.0", "linux-x64", "MultiLabelContrastive.Runner.dll");
        if (!File.Exists(runner)) throw new FileNotFoundException($"The notebook runner is not built: {runner}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root,
        };
        foreach (var a in new[] { runner, Path.Combine(Root, "notebooks"), "--quick", "--out", Output, "--cell-timeout", "900" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        await process.WaitForExitAsync(timeout.Token);
        ExitCode = process.ExitCode;
        Log = await stdout + await stderr;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Output)) Directory.Delete(Output, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The executed copy of a notebook.</summary>
    public JsonObject Executed(string name)
    {
        var path = Path.Combine(Output, "notebooks", name + ".ipynb");
        Assert.True(File.Exists(path), $"no executed notebook {path}\n{Log}");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    /// <summary>Everything a notebook printed to stdout, in cell order.</summary>
    public string Stdout(string name) => string.Concat(
        Executed(name)["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Where(o => (string?)o!["output_type"] == "stream" && (string?)o["name"] == "stdout")
            .Select(o => o!["text"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)o["text"]));

}

[CollectionDefinition(Name)]
public sealed class RepositoryNotebooksCollection : ICollectionFixture<RepositoryNotebooksRun>
{
    public const string Name = "repository notebooks, quick";
}

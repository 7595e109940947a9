using System.Diagnostics;

namespace MultiLabelContrastive.Sweeps.Tests;

/// <summary>The fixture notebooks, temporary folders and the real runner as a process.</summary>
public static class SweepFixture
{
    /// <summary>tests/MultiLabelContrastive.Sweeps.Tests/TestData/&lt;name&gt; in the source tree (its #r paths are relative to it).</summary>
    public static string Notebook(string name) => Path.Combine(RepositoryRoot.Path, "tests", "MultiLabelContrastive.Sweeps.Tests", "TestData", name);

    public static string TaskNotebook => Notebook("sweep-task.ipynb");

    public static string ResultsNotebook => Notebook("sweep-results.ipynb");

    /// <summary>A fresh folder under the system's temporary folder (removed by the caller's Dispose when wanted).</summary>
    public static string TemporaryFolder(string tag) => Directory.CreateTempSubdirectory($"mlc-sweep-{tag}-").FullName;

    /// <summary>The built runner (same configuration as these tests).</summary>
    public static string RunnerDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var dll = Path.Combine(RepositoryRoot.Path, "lib", "MultiLabelContrastive.Runner", "bin", configuration, "net10.0", "linux-x64", "MultiLabelContrastive.Runner.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"The runner is not built: {dll}");
        }
    }

    /// <summary>Runs <c>dotnet Runner.dll args…</c>; returns its exit code and output (stdout and stderr).</summary>
    public static async Task<(int Exit, string Output)> RunnerAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, int timeoutSeconds = 600)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot.Path };
        start.ArgumentList.Add(RunnerDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"runner {string.Join(' ', args)} did not finish in {timeoutSeconds} s:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs a command line tool; returns its exit code and output.</summary>
    public static (int Exit, string Output) Tool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(true); throw new TimeoutException($"{tool} {string.Join(' ', args)} hung"); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Writes the record a sweep task leaves for one manifest entry: succeeded, with the runs as a results
    /// notebook publishes them (<c>SweepMetrics.Write</c>, read back from its file), or failed with <paramref name="error"/>.</summary>
    public static void WriteRecord(SweepStore store, SweepEntry entry, IReadOnlyList<Reproduction.RunRecord> runs, SweepError? error = null)
    {
        var metricsFile = Path.Combine(Path.GetTempPath(), $"mlc-sweep-{entry.Id}-{Guid.NewGuid():N}.metrics.json");
        try
        {
            Reproduction.SweepMetrics.Write(metricsFile, runs, device: "cpu");
            store.Write(new SweepRecord
            {
                Id = entry.Id, Index = entry.Index, Notebook = entry.Notebook, Parameters = entry.Parameters,
                Status = error is null ? SweepRecord.Succeeded : SweepRecord.Failed, Error = error,
                Metrics = error is null ? System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(metricsFile))!.AsObject() : null,
                WallSeconds = 2, Started = DateTimeOffset.UnixEpoch, Finished = DateTimeOffset.UnixEpoch, Host = "h", Device = "cpu",
            });
        }
        finally
        {
            File.Delete(metricsFile);
        }
    }

    /// <summary>Every text of an executed notebook's outputs (streams, and each MIME bundle's data: HTML tables, plain text).</summary>
    public static string OutputText(string executedNotebook)
    {
        static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Strings(p.Value)),
            System.Text.Json.Nodes.JsonArray a => a.SelectMany(Strings),
            System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
        var notebook = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(executedNotebook))!;
        return string.Join("\n", notebook["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).SelectMany(Strings));
    }

    /// <summary>Reads a CSV written by <c>sweep collect</c> (RFC 4180 quoting) into rows of column → text.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var records = new List<List<string>>();
        var text = File.ReadAllText(path);
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n') { row.Add(field.ToString()); field.Clear(); records.Add(row); row = []; }
            else field.Append(ch);
        }

        var header = records[0];
        return records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.NotebookRuns.Tests;

/// <summary>The results notebooks and yeast, run in quick mode: each shows its run summary, a computed chance check and
/// a verdict that counts only the cells the check lets through.</summary>
[Collection(RepositoryNotebooksCollection.Name)]
public sealed class ResultsNotebookTests(RepositoryNotebooksRun run)
{
    public static TheoryData<string, string, string> Tables => new()
    {
        { "10-journal-table-II", "journal", "II" },
        { "11-journal-table-III", "journal", "III" },
        { "12-journal-table-IV", "journal", "IV" },
        { "13-journal-table-V", "journal", "V" },
        { "14-conference-table-2", "conference", "2" },
        { "16-conference-table-4", "conference", "4" },
    };

    private JsonObject Summary(string notebook) =>
        run.Executed(notebook)["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["data"]?["application/vnd.mlc.run-summary+json"]).OfType<JsonObject>().FirstOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"{notebook} displays no run summary");

    private static int Int(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"'{pattern}' not found in:\n{text}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void VerdictCountsOnlyCellsAboveChance(string notebook, string version, string table)
    {
        var text = run.Stdout(notebook);
        Assert.Equal("quick", (string?)Summary(notebook)["mode"]);
        Assert.Equal("surrogate", (string?)Summary(notebook)["data"]);
        var cells = File.ReadAllLines(Path.Combine(run.Root, "notebooks", "paper-results", "results.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f.Length > 5 && f[0] == version && f[1] == table).Select(f => (f[2], f[5])).Distinct().Count();
        int skipped = text.Contains("Chance check: every (dataset, loss) is above chance", StringComparison.Ordinal)
            ? 0 : Int(text, @"the verdict skips (\d+) cell\(s\)");
        int counted = text.Contains("No verdict:", StringComparison.Ordinal) ? 0 : Int(text, @"Counted: (\d+) \(dataset, metric\) cells");
        Assert.True(counted + skipped == cells, $"{notebook}: {counted} counted + {skipped} skipped ≠ {cells} cells\n{text}");
        if (skipped > 0 && counted > 0) Assert.Contains($"{skipped} cell(s) not counted", text);
        if (counted == 0) Assert.Contains($"No verdict: every one of the {skipped} cells", text);
    }

    [Fact]
    public void GainTableVerdictNamesThePapersCells()
    {
        var text = run.Stdout("15-conference-table-3");
        Assert.Equal("quick", (string?)Summary("15-conference-table-3")["mode"]);
        Assert.Equal(42, Int(text, @"positive in \d+ of (\d+) \(dataset, encoder, baseline\) cells"));
        Assert.Equal(42, Int(text, @"positive in (\d+) of 42"));
    }

    [Fact]
    public void YeastRunsOnTheRealDataWithAComputedChanceCheck()
    {
        var text = run.Stdout("17-yeast");
        var summary = Summary("17-yeast");
        Assert.Equal("real", (string?)summary["data"]);
        Assert.Equal("quick", (string?)summary["mode"]);
        Assert.Contains("Chance check:", text);
        Assert.Matches(@"Verdict: (none|SdWeighted − baseline > 0 in \d+ of \d+)", text);
    }
}

namespace MultiLabelContrastive.Sweeps.Tests;

public sealed class PlanTests : IDisposable
{
    private readonly string _folder = SweepFixture.TemporaryFolder("plan");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, string> Fixed(params (string, string)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public void Axis_parses_lists_and_integer_ranges()
    {
        Assert.Equal(["All", "Any", "SdWeighted"], SweepAxis.Parse("Loss=All, Any,SdWeighted").Values);
        Assert.Equal(["1", "2", "3", "4", "5"], SweepAxis.Parse("Seed=1..5").Values);
        Assert.Equal(["0", "3", "2", "1"], SweepAxis.Parse("Seed=0,3..1").Values);
        Assert.Equal("Seed", SweepAxis.Parse("Seed=1..5").Name);
    }

    [Theory]
    [InlineData("Seed")]
    [InlineData("=1,2")]
    [InlineData("1x=1")]
    [InlineData("Seed=1,,2")]
    [InlineData("Seed=1,2,1")]
    [InlineData("Seed=1..3,2")]
    public void Axis_rejects_malformed_text_naming_it(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => SweepAxis.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Planning_twice_gives_byte_identical_manifests()
    {
        SweepManifest Plan(string file) => SweepManifest.Plan(SweepFixture.TaskNotebook,
            [SweepAxis.Parse("Loss=All,Any,MulSupCon,SdWeighted"), SweepAxis.Parse("Seed=1..3")], Fixed(("SleepSeconds", "0")), Path.Combine(_folder, file));
        var first = Plan("a.jsonl");
        var second = Plan("b.jsonl");
        first.Save();
        second.Save();
        var bytes = File.ReadAllBytes(first.Path);
        Assert.Equal(bytes, File.ReadAllBytes(second.Path));
        Assert.Equal(12, first.Entries.Count);
        Assert.Equal(12, File.ReadAllText(first.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotEqual(0xEF, bytes[0]); // no BOM
        // the first axis varies slowest, values in the order given
        Assert.Equal(("All", "1"), (first.Entries[0].Parameters["Loss"], first.Entries[0].Parameters["Seed"]));
        Assert.Equal(("All", "2"), (first.Entries[1].Parameters["Loss"], first.Entries[1].Parameters["Seed"]));
        Assert.Equal(("Any", "1"), (first.Entries[3].Parameters["Loss"], first.Entries[3].Parameters["Seed"]));
        Assert.Equal(12, first.Entries.Select(e => e.Id).Distinct().Count());
        // and it reads back to the same entries
        var loaded = SweepManifest.Load(first.Path);
        Assert.Equal(first.Entries.Select(e => (e.Index, e.Id, e.Notebook, e.Describe())), loaded.Entries.Select(e => (e.Index, e.Id, e.Notebook, e.Describe())));
    }

    [Fact]
    public void Ids_are_content_hashes_of_the_notebook_name_and_parameters()
    {
        var a = SweepManifest.Plan(SweepFixture.TaskNotebook, [SweepAxis.Parse("Loss=All,Any"), SweepAxis.Parse("Seed=1,2")], Fixed(), Path.Combine(_folder, "x", "m.jsonl"));
        var b = SweepManifest.Plan(SweepFixture.TaskNotebook, [SweepAxis.Parse("Seed=1,2"), SweepAxis.Parse("Loss=All,Any")], Fixed(), Path.Combine(_folder, "m.jsonl"));
        // other axis order and another folder: the same set of ids (another order of lines)
        Assert.Equal(a.Entries.Select(e => e.Id).Order(), b.Entries.Select(e => e.Id).Order());
        Assert.Equal(SweepId.Of("sweep-task.ipynb", new Dictionary<string, string> { ["Seed"] = "1", ["Loss"] = "All" }), a.Entries[0].Id);
        Assert.NotEqual(SweepId.Of("sweep-task.ipynb", new Dictionary<string, string> { ["Seed"] = "1", ["Loss"] = "Any" }), a.Entries[0].Id);
        Assert.NotEqual(SweepId.Of("other.ipynb", new Dictionary<string, string> { ["Seed"] = "1", ["Loss"] = "All" }), a.Entries[0].Id);
        Assert.Matches("^[0-9a-f]{16}$", a.Entries[0].Id);
    }

    [Fact]
    public void An_edited_manifest_line_is_refused_naming_file_and_line()
    {
        var manifest = SweepManifest.Plan(SweepFixture.TaskNotebook, [SweepAxis.Parse("Seed=1..3")], Fixed(), Path.Combine(_folder, "m.jsonl"));
        manifest.Save();
        var lines = File.ReadAllLines(manifest.Path);
        lines[1] = lines[1].Replace("\"Seed\":\"2\"", "\"Seed\":\"7\"", StringComparison.Ordinal);
        File.WriteAllLines(manifest.Path, lines);
        var e = Assert.Throws<InvalidDataException>(() => SweepManifest.Load(manifest.Path));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("plan it again", e.Message);

        File.WriteAllText(manifest.Path, lines[0] + "\n{\"index\":1,\n");
        e = Assert.Throws<InvalidDataException>(() => SweepManifest.Load(manifest.Path));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("malformed JSON", e.Message);
    }

    [Fact]
    public void Parameters_the_notebook_does_not_declare_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepManifest.Plan(SweepFixture.TaskNotebook, [SweepAxis.Parse("Sead=1,2")], Fixed(), Path.Combine(_folder, "m.jsonl")));
        Assert.Contains("Sead", e.Message);
        e = Assert.Throws<ArgumentException>(() => SweepManifest.Plan(SweepFixture.TaskNotebook, [SweepAxis.Parse("Seed=1,2")], Fixed(("Seed", "3")), Path.Combine(_folder, "m.jsonl")));
        Assert.Contains("more than once", e.Message);
        e = Assert.Throws<ArgumentException>(() => SweepManifest.Plan(SweepFixture.TaskNotebook, [], Fixed(("MetricsOut", "x")), Path.Combine(_folder, "m.jsonl")));
        Assert.Contains("set by each sweep task", e.Message);
    }

    [Fact]
    public void A_notebook_without_MetricsOut_cannot_be_swept()
    {
        // notebook 00 takes parameters but publishes no metrics for a sweep
        var e = Assert.Throws<ArgumentException>(() => SweepManifest.Plan(SweepFixture.ResultsNotebook, [], Fixed(), Path.Combine(_folder, "m.jsonl")));
        Assert.Contains("MetricsOut", e.Message);
    }
}

using System.Text.Json.Nodes;
using MultiLabelContrastive.Metrics;
using MultiLabelContrastive.Reproduction;

namespace MultiLabelContrastive.Sweeps.Tests;

public sealed class ResultsStoreTests : IDisposable
{
    private readonly string _folder = SweepFixture.TemporaryFolder("store");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RunRecord Run(string loss, int seed, bool nanAuc = false)
    {
        var random = new Random(seed);
        var truth = new int[30, 4];
        var scores = new double[30, 4];
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 4; j++) { truth[i, j] = random.Next(2); scores[i, j] = random.NextDouble(); }
        if (nanAuc) for (int i = 0; i < 30; i++) truth[i, 0] = truth[i, 1] = truth[i, 2] = truth[i, 3] = 1; // one class: AUCs are NaN
        var report = MultiLabelMetrics.Evaluate(scores, truth, new MetricOptions { Ks = [1, 3] });
        return new RunRecord("MS-COCO", "Fixture", loss, seed, report, 1.25 + seed, true);
    }

    [Fact]
    public void Run_records_round_trip_through_json_exactly()
    {
        foreach (var run in new[] { Run("All", 1), Run("SdWeighted", 2, nanAuc: true) })
        {
            var back = RunRecordJson.FromJson(JsonNode.Parse(RunRecordJson.ToJson(run).ToJsonString())!.AsObject(), "test");
            Assert.Equal(run with { Report = back.Report }, back);
            Assert.Equal(run.Report.NamedValues(), back.Report.NamedValues());
            Assert.Equal(run.Report.Thresholds, back.Report.Thresholds);
        }

        Assert.True(double.IsNaN(Run("x", 3, nanAuc: true).Report.MicroAuc));
        var broken = RunRecordJson.ToJson(Run("All", 1));
        broken["Report"]!.AsObject().Remove("MicroF1");
        var e = Assert.Throws<InvalidDataException>(() => RunRecordJson.FromJson(broken, "record r.json, run 0"));
        Assert.Contains("MicroF1", e.Message);
        Assert.Contains("r.json", e.Message);
    }

    [Fact]
    public void A_store_reads_back_into_the_rows_of_the_results_tables_and_the_csv()
    {
        var manifest = SweepManifest.Plan(SweepFixture.TaskNotebook, [SweepAxis.Parse("Loss=All,SdWeighted"), SweepAxis.Parse("Seed=1,2")], new Dictionary<string, string>(), Path.Combine(_folder, "m.jsonl"));
        var store = new SweepStore(Path.Combine(_folder, "results"));
        var written = new List<RunRecord>();
        foreach (var entry in manifest.Entries.Take(3))
        {
            var run = Run(entry.Parameters["Loss"], int.Parse(entry.Parameters["Seed"]));
            written.Add(run);
            SweepFixture.WriteRecord(store, entry, [run], entry.Index == 2 ? new SweepError("Boom", "went wrong, badly", 4) : null);
        }

        var loaded = SweepResults.Load(store.Folder);
        Assert.Equal(written.Take(2).Select(r => (r.Loss, r.Seed, r.Report.MicroF1)), loaded.Select(r => (r.Loss, r.Seed, r.Report.MicroF1)));
        Assert.Single(SweepResults.Load(store.Folder, p => p["Seed"] == "2"));
        Assert.Contains("2 task(s) succeeded (2 run(s)), 1 failed", SweepResults.Describe(store.Folder));
        var paper = PaperResults.Table(PaperResults.Load(Path.Combine(RepositoryRoot.Path, "notebooks", PaperResults.RelativePath)), "journal", "II");
        var rows = ResultTables.SideBySide(paper, loaded, ["MicroF1"]);
        Assert.Equal(Math.Round(100 * (written[0].Report.MicroF1 + written[1].Report.MicroF1) / 2, 2), rows.Single(r => r.Loss == "All").Ours);
        Assert.Equal(2, rows.Single(r => r.Loss == "All").Seeds);

        var status = SweepStatus.Of(manifest, store);
        Assert.Equal((2, 1, 1), (status.Done.Count, status.Failed.Count, status.Pending.Count));
        Assert.Equal([2, 3], status.ToRun);

        var csvPath = Path.Combine(_folder, "t.csv");
        File.WriteAllText(csvPath, SweepTable.ToCsv(manifest, store));
        var table = SweepFixture.ReadCsv(csvPath);
        Assert.Equal(["succeeded", "succeeded", "failed", "pending"], table.Select(r => r["status"]));
        Assert.Equal(written[1].Report.MeanAveragePrecision, double.Parse(table[1]["Report.MeanAveragePrecision"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(written[1].Report.PrecisionAtK[3], double.Parse(table[1]["Report.PrecisionAtK.3"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Boom: went wrong, badly", table[2]["error"]);
        Assert.Equal("", table[3]["Report.MicroF1"]);
        Assert.Equal("SdWeighted", table[3]["Loss"]);
    }

    [Fact]
    public void A_folder_that_is_not_a_store_is_named_in_the_error()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => SweepResults.Load(_folder));
        Assert.Contains(_folder, e.Message);
    }
}

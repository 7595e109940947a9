using System.Text.Json;
using MultiLabelContrastive.Tests.Support;

namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>One case of tests/golden/metrics.json (GOLDEN_DIR overrides the folder).</summary>
internal sealed record MetricCase(string Name, double[,] Scores, int[,] Truth, double Threshold, JsonElement Expected, JsonElement OptionsExpected)
{
    public int Labels => Scores.GetLength(1);

    public float[,] FloatScores => MetricData.ToFloat(Scores);

    public static IReadOnlyList<MetricCase> All() => GoldenFiles.ReadCases("metrics.json").Select(Parse).ToList();

    private static MetricCase Parse(JsonElement c)
    {
        var y = Json.Matrix(c.GetProperty("y"));
        var truth = new int[y.GetLength(0), y.GetLength(1)];
        for (int i = 0; i < y.GetLength(0); i++)
            for (int j = 0; j < y.GetLength(1); j++)
                truth[i, j] = checked((int)y[i, j]);
        return new MetricCase(
            c.GetProperty("name").GetString()!,
            Json.Matrix(c.GetProperty("scores")),
            truth,
            c.GetProperty("threshold").GetDouble(),
            c.GetProperty("expected"),
            c.GetProperty("options").GetProperty("expected"));
    }

    /// <summary>The k of every "P@k" key, with the golden value (null when k > C).</summary>
    public IEnumerable<(int K, double? Value)> PrecisionAtK() =>
        Expected.EnumerateObject()
            .Where(p => p.Name.StartsWith("P@", StringComparison.Ordinal))
            .Select(p => (int.Parse(p.Name[2..]), Json.NullableDouble(p.Value)));
}

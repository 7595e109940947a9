using System.Text.Json;
using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>
/// Every case and every key of tests/golden/metrics.json, in float64 (1e-6 relative) and float32 (1e-4 absolute),
/// through MultiLabelMetrics.Evaluate, the functional API and the accumulator. Integers are exact.
/// </summary>
public class MetricGoldenTests
{
    private const string Float64 = "float64", Float32 = "float32";

    /// <summary>Report names that the golden file does not hold at the top level (checked from "options" or derived).</summary>
    private static readonly string[] NotTopLevel = ["MacroF1MeanLabelsPresentOnly", "MacroAucLabelsSkipped", "LabelsPresent"];

    [Theory]
    [InlineData(Float64)]
    [InlineData(Float32)]
    public void EvaluateMatchesEveryGoldenValue(string precision)
    {
        var failures = new List<string>();
        int checkedValues = 0;
        foreach (var c in MetricCase.All())
        {
            var options = new MetricOptions
            {
                Thresholds = MetricThresholds.Fixed(c.Threshold),
                Ks = c.PrecisionAtK().Where(p => p.Value is not null).Select(p => p.K).ToArray(),
            };
            var report = precision == Float64
                ? MultiLabelMetrics.Evaluate(c.Scores, c.Truth, options)
                : MultiLabelMetrics.Evaluate(c.FloatScores, c.Truth, options);
            var named = report.NamedValues().ToDictionary(p => p.Key, p => p.Value);

            foreach (var key in named.Keys.Where(k => !k.StartsWith("P@", StringComparison.Ordinal) && !NotTopLevel.Contains(k)))
                if (!c.Expected.TryGetProperty(key, out _)) failures.Add($"{c.Name}: golden file lacks report key {key}");

            foreach (var entry in c.Expected.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Null) continue;  // P@k with k > C: see PrecisionAtKBeyondCThrows
                if (!named.TryGetValue(entry.Name, out double actual))
                {
                    failures.Add($"{c.Name}: report lacks golden key {entry.Name}");
                    continue;
                }
                checkedValues++;
                Compare(c.Name, entry.Name, actual, entry.Value, precision, failures);
            }
            foreach (var entry in c.OptionsExpected.EnumerateObject())
            {
                checkedValues++;
                if (entry.Value.ValueKind == JsonValueKind.Null)
                {
                    if (!double.IsNaN(named[entry.Name])) failures.Add($"{c.Name}/{entry.Name}: {named[entry.Name]} vs golden null (NaN)");
                    continue;
                }
                Compare(c.Name, entry.Name, named[entry.Name], entry.Value, precision, failures);
            }
        }
        Assert.True(checkedValues > 0, "metrics.json held no value to check");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches ({precision}):\n" + string.Join("\n", failures.Take(40)));
    }

    [Theory]
    [InlineData(Float64)]
    [InlineData(Float32)]
    public void FunctionalApiMatchesEveryGoldenValue(string precision)
    {
        var failures = new List<string>();
        foreach (var c in MetricCase.All())
        {
            bool d = precision == Float64;
            double[,] s = c.Scores;
            float[,] f = c.FloatScores;
            var y = c.Truth;
            double t = c.Threshold;
            var microPr = d ? PrecisionRecall.Micro(s, y, t) : PrecisionRecall.Micro(f, y, t);
            var macroPr = d ? PrecisionRecall.Macro(s, y, t) : PrecisionRecall.Macro(f, y, t);
            var macroAuc = d ? RocAuc.Macro(s, y) : RocAuc.Macro(f, y);
            var map = d ? AveragePrecision.MeanAveragePrecision(s, y) : AveragePrecision.MeanAveragePrecision(f, y);
            var values = new Dictionary<string, double>
            {
                ["MicroF1"] = d ? F1Score.Compute(s, y, F1Average.Micro, t) : F1Score.Compute(f, y, F1Average.Micro, t),
                ["MacroF1Mean"] = d ? F1Score.Compute(s, y, F1Average.MacroMean, t) : F1Score.Compute(f, y, F1Average.MacroMean, t),
                ["MacroF1Caml"] = d ? F1Score.Compute(s, y, F1Average.MacroCaml, t) : F1Score.Compute(f, y, F1Average.MacroCaml, t),
                ["MicroPrecision"] = microPr.Precision,
                ["MicroRecall"] = microPr.Recall,
                ["MacroPrecision"] = macroPr.Precision,
                ["MacroRecall"] = macroPr.Recall,
                ["MicroAuc"] = d ? RocAuc.Micro(s, y) : RocAuc.Micro(f, y),
                ["MacroAuc"] = macroAuc.Value,
                ["MacroAucLabelsUsed"] = macroAuc.LabelsUsed,
                ["MeanAveragePrecision"] = map.Value,
                ["MapLabelsUsed"] = map.LabelsUsed,
            };
            foreach (var (k, golden) in c.PrecisionAtK())
                if (golden is not null) values[$"P@{k}"] = d ? PrecisionAtK.Compute(s, y, k) : PrecisionAtK.Compute(f, y, k);
            foreach (var entry in c.Expected.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Null) continue;
                Assert.True(values.ContainsKey(entry.Name), $"no functional entry point checked for golden key {entry.Name}");
                Compare(c.Name, entry.Name, values[entry.Name], entry.Value, precision, failures);
            }

            double presentOnly = d
                ? F1Score.Compute(s, y, F1Average.MacroMean, t, labelsPresentOnly: true)
                : F1Score.Compute(f, y, F1Average.MacroMean, t, labelsPresentOnly: true);
            var goldenPresentOnly = c.OptionsExpected.GetProperty("MacroF1MeanLabelsPresentOnly");
            if (goldenPresentOnly.ValueKind == JsonValueKind.Null) Assert.True(double.IsNaN(presentOnly));
            else Compare(c.Name, "MacroF1MeanLabelsPresentOnly", presentOnly, goldenPresentOnly, precision, failures);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches ({precision}):\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void PrecisionAtKBeyondCThrows()
    {
        int nullKs = 0;
        foreach (var c in MetricCase.All())
            foreach (var (k, golden) in c.PrecisionAtK().Where(p => p.Value is null))
            {
                nullKs++;
                Assert.True(k > c.Labels, $"{c.Name}: golden P@{k} is null although C = {c.Labels}");
                var e = Assert.Throws<ArgumentOutOfRangeException>(() => PrecisionAtK.Compute(c.Scores, c.Truth, k));
                Assert.Equal("k", e.ParamName);
                Assert.Contains($"k = {k}", e.Message);
                Assert.Contains($"C = {c.Labels}", e.Message);
                Assert.Throws<ArgumentOutOfRangeException>(() => PrecisionAtK.Compute(c.FloatScores, c.Truth, k));
                Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(
                    () => MultiLabelMetrics.Evaluate(c.Scores, c.Truth, new MetricOptions { Ks = [1, k] })).ParamName);
            }
        Assert.True(nullKs > 0, "metrics.json has no P@k with k > C; nothing checked");
    }

    [Theory]
    [InlineData(Float64)]
    [InlineData(Float32)]
    public void AccumulatedBatchesMatchGoldenValues(string precision)
    {
        var failures = new List<string>();
        foreach (var c in MetricCase.All())
        {
            var accumulator = new MetricAccumulator();
            int n = c.Scores.GetLength(0);
            for (int first = 0; first < n; first += 7)
            {
                int count = Math.Min(7, n - first);
                var y = MetricData.Rows(c.Truth, first, count);
                if (precision == Float64) accumulator.Add(MetricData.Rows(c.Scores, first, count), y);
                else accumulator.Add(MetricData.Rows(c.FloatScores, first, count), y);
            }
            var ks = c.PrecisionAtK().Where(p => p.Value is not null).Select(p => p.K).ToArray();
            var named = accumulator.Evaluate(new MetricOptions { Thresholds = MetricThresholds.Fixed(c.Threshold), Ks = ks })
                .NamedValues().ToDictionary(p => p.Key, p => p.Value);
            foreach (var entry in c.Expected.EnumerateObject().Concat(c.OptionsExpected.EnumerateObject()))
                if (entry.Value.ValueKind != JsonValueKind.Null)
                    Compare(c.Name, entry.Name, named[entry.Name], entry.Value, precision, failures);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches ({precision}):\n" + string.Join("\n", failures.Take(40)));
    }

    private static void Compare(string caseName, string key, double actual, JsonElement golden, string precision, List<string> failures)
    {
        if (golden.ValueKind == JsonValueKind.Number && golden.TryGetInt64(out long integer) && !golden.GetRawText().Contains('.')
            && (key.EndsWith("LabelsUsed", StringComparison.Ordinal) || key == "LabelsPresent"))
        {
            if (actual != integer) failures.Add($"{caseName}/{key}: {actual} vs golden {integer} (exact)");
            return;
        }
        double b = golden.GetDouble();
        double tolerance = precision == Float64 ? 1e-6 * Math.Max(1, Math.Abs(b)) : 1e-4;
        if (!(Math.Abs(actual - b) <= tolerance)) failures.Add($"{caseName}/{key}: {actual} vs golden {b} ({precision})");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>
/// Every metric of the library on an n × C score matrix (default 10,000 × 8,929, MIMIC-III's label count, Zipf
/// truth with mean cardinality 15.9), against scikit-learn run as a subprocess on the same matrices in the same
/// run (<c>sklearn_metrics.py</c>; skipped with a message when no Python with scikit-learn is found).
/// </summary>
public static class MetricsBenchmark
{
    /// <summary>The k of P@k.</summary>
    public static readonly int[] Ks = [1, 5, 8, 15];

    /// <summary>Warm-up and timed calls per metric, on both sides.</summary>
    public const int Warmup = 1, Repeats = 3;

    /// <summary>Runs the comparison, printing as it goes.</summary>
    public static List<MetricRow> Run(BenchmarkOptions o, TextWriter log)
    {
        int n = o.MetricRows, c = o.MetricLabels;
        var space = LabelSpace.Parse(c.ToString(CultureInfo.InvariantCulture) + ":" + Math.Min(15.9, c).ToString(CultureInfo.InvariantCulture));
        log.WriteLine();
        log.WriteLine($"== Metrics: {n:N0} × {c:N0} float32 scores, Zipf truth (mean |S| {space.MeanCardinality}), warm-up {Warmup}, repeats {Repeats}");
        var (scores, truth) = Synthesize(n, space, o.Seed);
        var ours = Ours(scores, truth);
        var sklearn = Sklearn(o, scores, truth, log);
        var rows = new List<MetricRow>();
        foreach (var (name, timing, values) in ours)
        {
            var match = sklearn?.FirstOrDefault(r => r.Name == name);
            var row = match is null
                ? new MetricRow(name, timing, values, null, null, sklearn is null ? "scikit-learn not available" : "not in the scikit-learn script")
                : new MetricRow(name, timing, values, match.Ms, match.Values, match.Note);
            rows.Add(row);
            log.WriteLine($"   {name,-44} ours {timing.Describe(),-14} " + (row.SklearnMs is { } ms
                ? $"sklearn {Timing.Ms(ms),8} ms → {row.Ratio:0.00}×  max |Δ| {row.MaxAbsoluteError:0.0e0} {(row.Agrees == true ? "OK" : "MISMATCH")}"
                : row.Note));
        }
        return rows;
    }

    /// <summary>Scores s = sigmoid(logit): logits N(0.5, 1.5) on true labels and N(−3.5, 1.5) elsewhere, float32.</summary>
    private static (float[,] Scores, int[,] Truth) Synthesize(int n, LabelSpace space, int seed)
    {
        int c = space.Labels;
        var truth = new int[n, c];
        int i = 0;
        foreach (var set in ZipfLabels.Sets(n, space, seed))
        {
            foreach (var l in set) truth[i, l] = 1;
            i++;
        }
        var scores = new float[n, c];
        Parallel.For(0, n, row =>
        {
            var random = new Random(seed ^ (row * 7919 + 1));
            for (int l = 0; l < c; l++)
            {
                double logit = (truth[row, l] == 1 ? 0.5 : -3.5) + 1.5 * ZipfLabels.Normal(random);
                scores[row, l] = (float)(1 / (1 + Math.Exp(-logit)));
            }
        });
        return (scores, truth);
    }

    private static List<(string Name, Timing Timing, double[] Values)> Ours(float[,] s, int[,] y)
    {
        var results = new List<(string, Timing, double[])>();
        void Time(string name, Func<double[]> metric)
        {
            double[] values = [];
            var timing = Timing.Measure(() => values = metric(), Warmup, Repeats);
            results.Add((name, timing, values));
        }
        Time("MicroF1", () => [F1Score.Compute(s, y, F1Average.Micro)]);
        Time("MacroF1Mean", () => [F1Score.Compute(s, y, F1Average.MacroMean)]);
        Time("MacroF1Mean LabelsPresentOnly", () => [F1Score.Compute(s, y, F1Average.MacroMean, labelsPresentOnly: true)]);
        Time("MacroF1Caml", () => [F1Score.Compute(s, y, F1Average.MacroCaml)]);
        Time("Micro precision, recall", () => PrecisionRecall.Micro(s, y) is var (p, r) ? [p, r] : []);
        Time("Macro precision, recall", () => PrecisionRecall.Macro(s, y) is var (p, r) ? [p, r] : []);
        Time("MicroAuc", () => [RocAuc.Micro(s, y)]);
        Time("MacroAuc (value, labels used)", () => RocAuc.Macro(s, y) is var a ? [a.Value, a.LabelsUsed] : []);
        Time("mAP (value, labels used)", () => AveragePrecision.MeanAveragePrecision(s, y) is var a ? [a.Value, a.LabelsUsed] : []);
        Time("P@k", () => PrecisionAtK.Compute(s, y, Ks));
        Time("Threshold selection (4 F1s x 9 candidates)", () => ThresholdSelection.OnValidation(s, y) is var t
            ? [t.ForMicroF1, t.ForMacroF1Mean, t.ForMacroF1MeanLabelsPresentOnly, t.ForMacroF1Caml] : []);
        Time("Everything (Evaluate)", () =>
        {
            var r = MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Ks = Ks });
            return [r.MicroF1, r.MacroF1Mean, r.MacroF1MeanLabelsPresentOnly, r.MacroF1Caml, r.MicroPrecision, r.MicroRecall,
                    r.MacroPrecision, r.MacroRecall, r.MicroAuc, r.MacroAuc, r.MeanAveragePrecision, .. Ks.Select(k => r.PrecisionAtK[k])];
        });
        return results;
    }

    private sealed record SklearnResult(string Name, double Ms, double[] Values, string Note);

    /// <summary>Runs sklearn_metrics.py on the same matrices; null (with a message) when no interpreter has scikit-learn.</summary>
    private static List<SklearnResult>? Sklearn(BenchmarkOptions o, float[,] scores, int[,] truth, TextWriter log)
    {
        var python = FindPython(o.Python);
        if (python is null)
        {
            log.WriteLine($"   scikit-learn not found ({o.Python}, /usr/bin/python3): install it with `apt-get install -y python3-sklearn` " +
                          "(never python3-torch on a TorchSharp machine); metrics are timed without the comparison.");
            return null;
        }
        var folder = Directory.CreateTempSubdirectory("mlc-metrics-");
        try
        {
            var scoresPath = Path.Combine(folder.FullName, "scores.f32");
            var truthPath = Path.Combine(folder.FullName, "truth.u8");
            WriteRaw(scores, truth, scoresPath, truthPath);
            var script = Path.Combine(AppContext.BaseDirectory, "sklearn_metrics.py");
            var start = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    script, scoresPath, truthPath, scores.GetLength(0).ToString(CultureInfo.InvariantCulture),
                    scores.GetLength(1).ToString(CultureInfo.InvariantCulture), Warmup.ToString(CultureInfo.InvariantCulture),
                    Repeats.ToString(CultureInfo.InvariantCulture), string.Join(",", Ks),
                },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var results = new List<SklearnResult>();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                results.Add(new SklearnResult(root.GetProperty("metric").GetString()!, root.GetProperty("ms").GetDouble(),
                    root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(), root.GetProperty("note").GetString()!));
                log.WriteLine($"   (scikit-learn {results[^1].Name}: {Timing.Ms(results[^1].Ms)} ms)");
            }
            process.WaitForExit();
            if (process.ExitCode != 0) log.WriteLine($"   scikit-learn script failed ({process.ExitCode}): {stderr.Result}");
            log.WriteLine($"   scikit-learn via {python}");
            return results;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? FindPython(string preferred)
    {
        foreach (var candidate in new[] { preferred, "/usr/bin/python3" }.Distinct())
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate, ["-c", "import sklearn"]) { RedirectStandardError = true, RedirectStandardOutput = true });
                if (p is null) continue;
                p.WaitForExit();
                if (p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }

    private static void WriteRaw(float[,] scores, int[,] truth, string scoresPath, string truthPath)
    {
        using (var f = File.Create(scoresPath))
            f.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(
                System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref scores[0, 0], scores.Length)));
        var bytes = new byte[truth.Length];
        var flat = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref truth[0, 0], truth.Length);
        for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)flat[k];
        File.WriteAllBytes(truthPath, bytes);
    }

    /// <summary>The comparison as a Markdown table.</summary>
    public static string Markdown(IEnumerable<MetricRow> rows)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("| metric | ours | scikit-learn | ours / sklearn | max \\|Δ\\| | scikit-learn call |");
        w.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var r in rows)
            w.WriteLine($"| {r.Metric} | {r.Ours.Describe()} ms | {(r.SklearnMs is { } ms ? Timing.Ms(ms) + " ms" : "—")} | " +
                        $"{(r.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—")} | " +
                        $"{(r.MaxAbsoluteError is { } e ? e.ToString("0.0e0", CultureInfo.InvariantCulture) : "—")}{(r.Agrees == false ? " **differs**" : "")} | {r.Note} |");
        return w.ToString();
    }
}

using System.Text.Json;
using MultiLabelContrastive.Losses;
using MultiLabelContrastive.Tests.Support;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Losses;

/// <summary>Every loss, count and gradient of tests/golden/losses.json, in float64 and float32.</summary>
public class LossGoldenTests
{
    [Fact]
    public void Float64MatchesGoldenValuesCountsAndGradients() => CheckAll(float64);

    [Fact]
    public void Float32MatchesGoldenValuesCountsAndGradients() => CheckAll(float32);

    [Fact]
    public void LiteralSdGradientEqualsAnyGradientOnEveryGoldenBatch()
    {
        foreach (var c in GoldenFiles.ReadCases("losses.json"))
        {
            double tau = c.GetProperty("tau").GetDouble();
            var any = Gradient(ContrastiveLoss.Any(tau), c, float64);
            var literal = Gradient(ContrastiveLoss.SimilarityDissimilarity(SdForm.Literal, tau), c, float64);
            double maxAbs = MaxAbsDifference(any, literal);
            Assert.True(maxAbs <= 1e-12, $"{c.GetProperty("name")}: max |grad SdLiteral − grad Any| = {maxAbs}");
        }
    }

    private static void CheckAll(ScalarType dtype)
    {
        var failures = new List<string>();
        int checkedLosses = 0;
        foreach (var c in GoldenFiles.ReadCases("losses.json"))
        {
            checkedLosses += CheckMaps(c, c, dtype, failures);
            checkedLosses += CheckMaps(c, c.GetProperty("options"), dtype, failures);
        }
        Assert.True(checkedLosses > 0, "losses.json held no loss to check");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches ({dtype}):\n" + string.Join("\n", failures.Take(40)));
    }

    private static int CheckMaps(JsonElement c, JsonElement maps, ScalarType dtype, List<string> failures)
    {
        string name = c.GetProperty("name").GetString()!;
        double tau = c.GetProperty("tau").GetDouble();
        int n = 0;
        foreach (var entry in maps.GetProperty("expected").EnumerateObject())
        {
            n++;
            var loss = ContrastiveLoss.Create(entry.Name, tau);
            using var scope = NewDisposeScope();
            var z = Json.Tensor(c.GetProperty("z"), dtype).requires_grad_(true);
            var y = Json.Tensor(c.GetProperty("y"), float32);
            var result = loss.Compute(z, y);
            result.Loss.backward();

            double expected = entry.Value.GetDouble();
            double actual = result.Loss.to_type(float64).item<double>();
            double valueTolerance = (dtype == float64 ? 1e-6 : 1e-4) * Math.Max(1, Math.Abs(expected));
            if (!(Math.Abs(actual - expected) <= valueTolerance))
                failures.Add($"{name}/{entry.Name}: loss {actual} vs golden {expected}");

            long counted = maps.GetProperty("anchors_counted").GetProperty(entry.Name).GetInt64();
            if (counted != result.AnchorsCounted)
                failures.Add($"{name}/{entry.Name}: anchors counted {result.AnchorsCounted} vs golden {counted}");

            var goldenGrad = Json.Matrix(maps.GetProperty("grad").GetProperty(entry.Name));
            var grad = ToArray(z.grad!);
            for (int i = 0; i < goldenGrad.GetLength(0); i++)
                for (int j = 0; j < goldenGrad.GetLength(1); j++)
                {
                    double b = goldenGrad[i, j], a = grad[i, j];
                    double tol = dtype == float64 ? 1e-7 + 1e-6 * Math.Abs(b) : 1e-4;
                    if (!(Math.Abs(a - b) <= tol))
                    {
                        failures.Add($"{name}/{entry.Name}: grad[{i},{j}] {a} vs golden {b}");
                        i = int.MaxValue - 1;
                        break;
                    }
                }
        }
        return n;
    }

    private static double[,] Gradient(ContrastiveLoss loss, JsonElement c, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var z = Json.Tensor(c.GetProperty("z"), dtype).requires_grad_(true);
        loss.Compute(z, Json.Tensor(c.GetProperty("y"), float32)).Loss.backward();
        return ToArray(z.grad!);
    }

    internal static double[,] ToArray(Tensor t)
    {
        var flat = t.to_type(float64).cpu().data<double>().ToArray();
        int rows = (int)t.shape[0], cols = (int)t.shape[1];
        var m = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    internal static double MaxAbsDifference(double[,] a, double[,] b)
    {
        double max = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
        return max;
    }
}

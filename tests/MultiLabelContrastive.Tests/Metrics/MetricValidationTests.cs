using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>Bad inputs at every public entry point of MultiLabelContrastive.Metrics: exception type, ParamName, message.</summary>
public class MetricValidationTests
{
    /// <summary>A public entry point taking (scores, truth), in both precisions, with its parameter names.</summary>
    public sealed record EntryPoint(string Name, string Scores, string Truth, Action<double[,], int[,]> Double, Action<float[,], int[,]> Float)
    {
        public override string ToString() => Name;
    }

    private static readonly EntryPoint[] All =
    [
        new("RocAuc.Micro", "scores", "truth", (s, y) => RocAuc.Micro(s, y), (s, y) => RocAuc.Micro(s, y)),
        new("RocAuc.Macro", "scores", "truth", (s, y) => RocAuc.Macro(s, y), (s, y) => RocAuc.Macro(s, y)),
        new("AveragePrecision.MeanAveragePrecision", "scores", "truth",
            (s, y) => AveragePrecision.MeanAveragePrecision(s, y), (s, y) => AveragePrecision.MeanAveragePrecision(s, y)),
        new("F1Score.Compute", "scores", "truth",
            (s, y) => F1Score.Compute(s, y, F1Average.MacroCaml), (s, y) => F1Score.Compute(s, y, F1Average.MacroCaml)),
        new("PrecisionRecall.Micro", "scores", "truth", (s, y) => PrecisionRecall.Micro(s, y), (s, y) => PrecisionRecall.Micro(s, y)),
        new("PrecisionRecall.Macro", "scores", "truth", (s, y) => PrecisionRecall.Macro(s, y), (s, y) => PrecisionRecall.Macro(s, y)),
        new("PrecisionAtK.Compute(k)", "scores", "truth", (s, y) => PrecisionAtK.Compute(s, y, 1), (s, y) => PrecisionAtK.Compute(s, y, 1)),
        new("PrecisionAtK.Compute(ks)", "scores", "truth", (s, y) => PrecisionAtK.Compute(s, y, [1, 2]), (s, y) => PrecisionAtK.Compute(s, y, [1, 2])),
        new("ThresholdSelection.Choose", "scores", "truth",
            (s, y) => ThresholdSelection.Choose(s, y, F1Average.Micro), (s, y) => ThresholdSelection.Choose(s, y, F1Average.Micro)),
        new("ThresholdSelection.OnValidation", "validationScores", "validationTruth",
            (s, y) => ThresholdSelection.OnValidation(s, y), (s, y) => ThresholdSelection.OnValidation(s, y)),
        new("ThresholdSelection.Oracle", "scores", "truth", (s, y) => ThresholdSelection.Oracle(s, y), (s, y) => ThresholdSelection.Oracle(s, y)),
        new("MultiLabelMetrics.Evaluate", "scores", "truth",
            (s, y) => MultiLabelMetrics.Evaluate(s, y), (s, y) => MultiLabelMetrics.Evaluate(s, y)),
        new("MetricAccumulator.Add", "scores", "truth", (s, y) => new MetricAccumulator().Add(s, y), (s, y) => new MetricAccumulator().Add(s, y)),
    ];

    public static TheoryData<EntryPoint> EntryPoints => new(All);

    private static double[,] Scores(int n = 3, int c = 3) =>
        MetricData.Map(new double[n, c], _ => 0.25);

    private static int[,] Truth(int n = 3, int c = 3) => new int[n, c];

    private static TException Throws<TException>(EntryPoint entry, double[,] s, int[,] y, string paramName) where TException : ArgumentException
    {
        var e = Assert.Throws<TException>(() => entry.Double(s, y));
        Assert.Equal(paramName, e.ParamName);
        var f = Assert.Throws<TException>(() => entry.Float(s is null ? null! : MetricData.ToFloat(s), y));
        Assert.Equal(paramName, f.ParamName);
        Assert.Equal(e.Message, f.Message);
        return e;
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void ValidInputIsAccepted(EntryPoint entry)
    {
        var y = Truth();
        y[0, 0] = 1;
        entry.Double(Scores(), y);
        entry.Float(MetricData.ToFloat(Scores()), y);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void NullArgumentsAreNamed(EntryPoint entry)
    {
        Throws<ArgumentNullException>(entry, null!, Truth(), entry.Scores);
        Throws<ArgumentNullException>(entry, Scores(), null!, entry.Truth);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void EmptyMatricesAreRejected(EntryPoint entry)
    {
        Assert.Contains("empty", Throws<ArgumentException>(entry, new double[0, 3], new int[0, 3], entry.Scores).Message);
        Assert.Contains("empty", Throws<ArgumentException>(entry, new double[3, 0], new int[3, 0], entry.Scores).Message);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void ShapeMismatchNamesBothShapes(EntryPoint entry)
    {
        var e = Throws<ArgumentException>(entry, Scores(3, 2), Truth(3, 3), entry.Truth);
        Assert.Contains("[3, 2]", e.Message);
        Assert.Contains("[3, 3]", e.Message);
        e = Throws<ArgumentException>(entry, Scores(4, 3), Truth(3, 3), entry.Truth);
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[3, 3]", e.Message);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void NonBinaryTruthNamesRowColumnAndValue(EntryPoint entry)
    {
        foreach (int bad in new[] { 2, -1 })
        {
            var y = Truth();
            y[1, 2] = bad;
            y[2, 0] = 5;
            var e = Throws<ArgumentException>(entry, Scores(), y, entry.Truth);
            Assert.Contains("row 1, column 2", e.Message);
            Assert.Contains($"found {bad}", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void NonFiniteScoresNameRowAndColumn(EntryPoint entry)
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var s = Scores();
            s[2, 1] = bad;
            var e = Throws<ArgumentException>(entry, s, Truth(), entry.Scores);
            Assert.Contains("row 2, column 1", e.Message);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteThresholdsAreRejected(double threshold)
    {
        double[,] s = Scores();
        float[,] f = MetricData.ToFloat(s);
        int[,] y = Truth();
        var calls = new Action[]
        {
            () => MetricThresholds.Fixed(threshold),
            () => F1Score.Compute(s, y, F1Average.Micro, threshold),
            () => F1Score.Compute(f, y, F1Average.Micro, threshold),
            () => PrecisionRecall.Micro(s, y, threshold),
            () => PrecisionRecall.Micro(f, y, threshold),
            () => PrecisionRecall.Macro(s, y, threshold),
            () => PrecisionRecall.Macro(f, y, threshold),
        };
        foreach (var call in calls)
            Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(call).ParamName);
    }

    [Fact]
    public void ThresholdsOutsideZeroOneAreAllowedForLogits()
    {
        double[,] logits = { { -2.0, 3.0 }, { 1.5, -0.5 } };
        int[,] y = { { 0, 1 }, { 1, 0 } };
        Assert.Equal(1.0, F1Score.Compute(logits, y, F1Average.Micro, threshold: 0));
        Assert.Equal(0.0, F1Score.Compute(logits, y, F1Average.Micro, threshold: 5));
        Assert.Equal(2.0 / 3, F1Score.Compute(logits, y, F1Average.Micro, threshold: -3), 12);  // all predicted: P = ½, R = 1
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public void KOutsideOneToCNamesKAndC(int k)
    {
        double[,] s = Scores();
        float[,] f = MetricData.ToFloat(s);
        int[,] y = Truth();
        foreach (var (call, name) in new (Action, string)[]
                 {
                     (() => PrecisionAtK.Compute(s, y, k), "k"),
                     (() => PrecisionAtK.Compute(f, y, k), "k"),
                     (() => PrecisionAtK.Compute(s, y, [1, k]), "ks"),
                     (() => PrecisionAtK.Compute(f, y, [k]), "ks"),
                     (() => MultiLabelMetrics.Evaluate(s, y, new MetricOptions { Ks = [k] }), "options"),
                     (() => MultiLabelMetrics.Evaluate(f, y, new MetricOptions { Ks = [2, k] }), "options"),
                 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal(name, e.ParamName);
            Assert.Contains($"k = {k}", e.Message);
            Assert.Contains("C = 3", e.Message);
        }
    }

    [Fact]
    public void KListMustBeGivenAndNonEmpty()
    {
        double[,] s = Scores();
        Assert.Equal("ks", Assert.Throws<ArgumentNullException>(() => PrecisionAtK.Compute(s, Truth(), (IReadOnlyList<int>)null!)).ParamName);
        Assert.Equal("ks", Assert.Throws<ArgumentException>(() => PrecisionAtK.Compute(s, Truth(), Array.Empty<int>())).ParamName);
    }

    [Fact]
    public void OptionsWithNullPartsAreRejected()
    {
        double[,] s = Scores();
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(
            () => MultiLabelMetrics.Evaluate(s, Truth(), new MetricOptions { Thresholds = null! })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(
            () => MultiLabelMetrics.Evaluate(MetricData.ToFloat(s), Truth(), new MetricOptions { Ks = null! })).ParamName);
        var accumulator = new MetricAccumulator();
        accumulator.Add(s, Truth());
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(
            () => accumulator.Evaluate(new MetricOptions { Ks = null! })).ParamName);
    }

    [Fact]
    public void LabelsPresentOnlyBelongsToMacroMeanAndAveragesMustBeDefined()
    {
        double[,] s = Scores();
        float[,] f = MetricData.ToFloat(s);
        int[,] y = Truth();
        foreach (var average in new[] { F1Average.Micro, F1Average.MacroCaml })
        {
            var calls = new Action[]
            {
                () => F1Score.Compute(s, y, average, labelsPresentOnly: true),
                () => F1Score.Compute(f, y, average, labelsPresentOnly: true),
                () => ThresholdSelection.Choose(s, y, average, labelsPresentOnly: true),
                () => ThresholdSelection.Choose(f, y, average, labelsPresentOnly: true),
                () => MetricThresholds.Fixed().For(average, labelsPresentOnly: true),
            };
            foreach (var call in calls)
            {
                var e = Assert.Throws<ArgumentException>(call);
                Assert.Equal("labelsPresentOnly", e.ParamName);
                Assert.Contains(average.ToString(), e.Message);
            }
        }
        var undefined = (F1Average)7;
        Assert.Equal("average", Assert.Throws<ArgumentOutOfRangeException>(() => F1Score.Compute(s, y, undefined)).ParamName);
        Assert.Equal("average", Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSelection.Choose(f, y, undefined)).ParamName);
        Assert.Equal("average", Assert.Throws<ArgumentOutOfRangeException>(() => MetricThresholds.Fixed().For(undefined)).ParamName);
    }
}

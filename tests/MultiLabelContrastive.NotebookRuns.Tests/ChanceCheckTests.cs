using MultiLabelContrastive.Metrics;
using MultiLabelContrastive.Reproduction;

namespace MultiLabelContrastive.NotebookRuns.Tests;

/// <summary>The chance check behind every results verdict, on reports computed from hand-made scores.</summary>
public sealed class ChanceCheckTests
{
    private static readonly int[,] Truth =
    {
        { 1, 0, 1 }, { 0, 1, 0 }, { 1, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 1 },
    };

    private static MetricReport Scored(Func<int, int, double> score)
    {
        var scores = new double[Truth.GetLength(0), Truth.GetLength(1)];
        for (int i = 0; i < scores.GetLength(0); i++)
            for (int l = 0; l < scores.GetLength(1); l++) scores[i, l] = score(i, l);
        return MultiLabelMetrics.Evaluate(scores, Truth);
    }

    private static RunRecord Run(string loss, int seed, MetricReport report) => new("toy", "enc", loss, seed, report, 0.1, true);

    [Fact]
    public void ConstantScoresAreAtChanceAndGoodScoresAreNot()
    {
        Assert.StartsWith("predicts every label", ChanceCheck.Reason(Scored((_, _) => 0.9)));
        Assert.StartsWith("predicts no label", ChanceCheck.Reason(Scored((_, _) => 0.1)));
        Assert.Null(ChanceCheck.Reason(Scored((i, l) => Truth[i, l] == 1 ? 0.8 : 0.2)));
    }

    [Fact]
    public void AMeanMacroAucNearOneHalfIsChance()
    {
        var good = Scored((i, l) => Truth[i, l] == 1 ? 0.8 : 0.2);
        Assert.Equal(1.0, good.MacroAuc, 9);
        Assert.StartsWith("macro-AUC 0.510", ChanceCheck.Reason(good with { MacroAuc = 0.51 }));
        Assert.Null(ChanceCheck.Reason(good with { MacroAuc = 0.5 + ChanceCheck.AucMargin + 0.001 }));
        // Per (dataset, loss), over seeds: the mean decides (0.9 and 0.1 average to chance), constant predictions on any seed too.
        var rows = ChanceCheck.Rows([
            Run("All", 1, good with { MacroAuc = 0.9 }), Run("All", 2, good with { MacroAuc = 0.1 }),
            Run("Any", 1, good), Run("Any", 2, Scored((_, _) => 0.9)),
            Run("MulSupCon", 1, good), Run("MulSupCon", 2, good with { MacroAuc = 0.8 })]);
        Assert.Equal("mean macro-AUC 0.500 ≈ 0.5", rows.Single(r => r.Loss == "All").Reason);
        Assert.StartsWith("predicts every label", rows.Single(r => r.Loss == "Any").Reason);
        Assert.False(rows.Single(r => r.Loss == "MulSupCon").AtChance);
    }

    [Fact]
    public void VerdictSkipsCellsAtChanceAndCellsWhereTheLossesAgree()
    {
        var good = Scored((i, l) => Truth[i, l] == 1 ? 0.8 : 0.2);
        var runs = new[] { "All", "Any", "MulSupCon", "SdLiteral", "SdWeighted" }.Select(l => Run(l, 1, good)).ToList();
        var paper = new[] { "All", "Any", "MulSupCon", "SimilarityDissimilarity" }
            .Select((l, i) => new PaperNumber("journal", "II", "toy", "ResNet-50", l, "MicroF1", 60 + i, "")).ToList();
        var sideBySide = ResultTables.SideBySide(paper, runs);
        var chance = ChanceCheck.Rows(runs);
        Assert.All(chance, r => Assert.False(r.AtChance));
        var reason = ChanceCheck.CellReason(sideBySide, chance);
        Assert.Equal("every loss gave the same value (zero std across losses)", reason);
        var verdict = ResultTables.Verdict(sideBySide, runs, [("toy", "MicroF1", reason!)]);
        Assert.StartsWith("No verdict: every one of the 1 cells", verdict);
        Assert.StartsWith("Counted: 1 (dataset, metric) cells", ResultTables.Verdict(sideBySide, runs));
    }

    [Fact]
    public void RunSizesExcludeEachOther()
    {
        Assert.Equal(RunSize.Default, RunSizes.From(quick: false, full: false));
        Assert.Equal(RunSize.Quick, RunSizes.From(quick: true, full: false));
        Assert.Equal(RunSize.Full, RunSizes.From(quick: false, full: true));
        Assert.Throws<ArgumentException>(() => RunSizes.From(quick: true, full: true));
        Assert.True(StageSettings.For(new TableRunOptions { Size = RunSize.Full }).PretrainEpochs > StageSettings.For(new TableRunOptions()).PretrainEpochs);
        Assert.Equal(3, StageSettings.For(new TableRunOptions { Size = RunSize.Quick, PretrainEpochs = 3 }).PretrainEpochs);
    }

    [Fact]
    public void OptionsNameWhatIsWrong()
    {
        Assert.Contains("Temperature", Assert.Throws<ArgumentException>(() => new TableRunOptions { Temperature = 0 }.Validate()).Message);
        Assert.Contains("RobertaFolder", Assert.Throws<ArgumentException>(() => new TableRunOptions { RobertaFolder = "/no/such/folder" }.Validate()).Message);
        Assert.Contains("Seeds", Assert.Throws<ArgumentException>(() => new TableRunOptions { Seeds = [] }.Validate()).Message);
    }
}

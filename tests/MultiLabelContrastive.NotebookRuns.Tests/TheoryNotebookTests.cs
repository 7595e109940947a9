using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.NotebookRuns.Tests;

/// <summary>The theory notebooks run in quick mode and show the values they claim, computed in front of the reader.</summary>
[Collection(RepositoryNotebooksCollection.Name)]
public sealed class TheoryNotebookTests(RepositoryNotebooksRun run)
{
    private static double Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"'{pattern}' not found in:\n{text}");
        return double.Parse(match.Groups[1].Value.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void EveryNotebookSucceeds()
    {
        Assert.True(run.ExitCode == 0, run.Log);
        var notebooks = Directory.GetFiles(Path.Combine(run.Root, "notebooks"), "*.ipynb").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.NotEmpty(notebooks);
        foreach (var name in notebooks) run.Executed(name!);
        Assert.True(File.Exists(Path.Combine(run.Output, "report", "index.html")));
    }

    [Fact]
    public void FiveRelationsReproducesFigureOne()
    {
        var text = run.Stdout("01-five-relations");
        Assert.Equal(5, Number(text, @"Fig\. 1: (\d+) of 5 samples agree"));
        Assert.Contains("Largest share of equal sets among overlapping pairs", text);
    }

    [Fact]
    public void LiteralSdGradientEqualsAnysAndWeightedDiffers()
    {
        var text = run.Stdout("02-losses-side-by-side");
        // MulSupCon's weights are shown on the others' scale: its raw anchor weights sum to |S| = 3, the scaled ones to 1.
        Assert.Equal(3, Number(text, @"MulSupCon's raw weights for the anchor sum to (\S+) \(= \|S\|\)"), 9);
        Assert.Equal(1, Number(text, @"on the common scale \(÷ \|S\|\) to (\S+)\."), 9);
        Assert.True(Number(text, @"max \|∇ Literal − ∇ Any\| over \d+ batches: (\S+)") <= 1e-12);
        Assert.True(Number(text, @"min \|∇ Weighted − ∇ Any\| over the same batches: (\S+)") > 1e-3);
        var constant = Regex.Match(text, @"over its 4 positives = (\S+) \(by hand from K = 1, 1/9, 2/3, 1/3: (\S+)\)");
        Assert.True(constant.Success, text);
        Assert.Equal(constant.Groups[2].Value, constant.Groups[1].Value);
    }

    [Fact]
    public void TheoremsHaveNoViolationAndR4R5AreUnordered()
    {
        var text = run.Stdout("03-theorems");
        Assert.True(Number(text, @"([\d,]+) premise pairs checked") > 10_000);
        Assert.Equal(0, Number(text, @"premise pairs checked, (\d+) violations"));
        Assert.Contains("no fixed order between R4 and R5", text);
    }

    [Fact]
    public void TheoremThreeFailsUnderTheLiteralDefinitionsAndHoldsAfterTheRepair()
    {
        var text = run.Stdout("03-theorems");
        // Quick mode: a 7-label universe; S = T (127 anchors) and T = ∅ (127 anchors) are the literal reading's failures.
        Assert.Equal(2 * 127, Number(text, @"Theorem 3 fails on (\d+) pairs"));
        Assert.Equal(127, Number(text, @"S = T read as R4/R5 with K = 1: (\d+);"));
        Assert.Equal(127, Number(text, @"T = ∅ read as R4 with K = 0: (\d+)\)"));
        Assert.Equal(0, Number(text, @"With the precedence rule: (\d+) violations of Theorem 3"));
    }

    [Fact]
    public void SingleLabelSdIsSupConEquationSeventeen()
    {
        var text = run.Stdout("03-theorems");
        Assert.True(Number(text, @"max \|L − L_SupCon\| = ([-+.\de]+),") <= 1e-12, text);
        Assert.True(Number(text, @"max \|∇L − ∇L_SupCon\| = ([-+.\de]+) ") <= 1e-12, text);
    }

    [Fact]
    public void CamlMacroF1IsNeverBelowTheMeanOfPerLabelF1s()
    {
        var text = run.Stdout("04-metrics-conventions");
        Assert.Equal(0, Number(text, @"below zero in (\d+)\."));
        Assert.True(Number(text, @"smallest MacroF1Caml − MacroF1Mean = ([-+.\de]+);") >= -1e-12, text);
    }

    [Fact]
    public void MetricsWorkedExampleAgreesWithTheLibrary()
    {
        var text = run.Stdout("04-metrics-conventions");
        Assert.True(Number(text, @"max \|by hand − library\| = (\S+);") <= 1e-12);
        Assert.True(Number(text, @"MacroF1Caml − MacroF1Mean = (\S+)") > 0);
    }

    [Fact]
    public void GradientGeometryShowsTheR4R5Identity()
    {
        var text = run.Stdout("05-gradient-geometry");
        Assert.True(Number(text, @"max \|mean cos\(R4\) − mean cos\(R5\)\| over the losses: (\S+)") <= 1e-5);
        // The computed gaps, not the sentence: with the quick settings SD Weighted separates nested pairs from partial
        // overlaps by more than ANY does, and the verdict line says what the numbers say.
        double sd = Number(text, @"nested − partial gap \(mean cosine\): SdWeighted ([-.\d]+),"), any = Number(text, @"nested − partial gap \(mean cosine\): SdWeighted [-.\d]+, Any ([-.\d]+)");
        Assert.True(sd > any, $"SdWeighted gap {sd} ≤ Any gap {any}\n{text}");
        Assert.Contains("SD (Weighted) separates nested pairs from partial overlaps more than ANY does", text);
    }
}

using MultiLabelContrastive.Data.Synthetic;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Tests.Synthetic;

public class SyntheticProfilesTests
{
    public static TheoryData<string> ProfileNames() => [.. SyntheticProfiles.Names];

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void ProfileCopiesTheShapeOfItsPaperDataset(string name)
    {
        var profile = SyntheticProfiles.Describe(name);
        const double scale = 0.004;
        var options = profile.ToOptions(scale, seed: 3);
        using var d = SyntheticProfiles.Get(name, scale, seed: 3);
        Assert.True(d.IsSurrogate);
        Assert.Contains("Surrogate data", d.Description);
        Assert.Contains(profile.PaperDataset, d.Description);
        Assert.Equal(profile.Kind, d.Kind);
        Assert.Equal(profile.LabelCount, d.LabelCount);
        Assert.Equal(Math.Max(SyntheticProfile.MinimumTrainRows, (int)Math.Round(profile.PaperTrain * scale)), d.Train.Count);
        Assert.Equal(Math.Max(SyntheticProfile.MinimumEvaluationRows, (int)Math.Round(profile.PaperTest * scale)), d.Test.Count);
        Assert.Equal(options.TrainCount, d.Train.Count);
        using var scope = NewDisposeScope();
        var all = cat([d.Train.Labels, d.Validation.Labels, d.Test.Labels], 0);
        var cardinality = all.sum(1).mean().item<float>();
        var tolerance = 0.1 * profile.PaperMeanLabels + 3 * Math.Sqrt(profile.PaperMeanLabels / all.shape[0]);
        Assert.InRange(cardinality, profile.PaperMeanLabels - tolerance, profile.PaperMeanLabels + tolerance);
    }

    [Fact]
    public void DefaultScaleGivesAboutTwoThousandTrainingRowsAndTheTableOneCardinality()
    {
        foreach (var profile in SyntheticProfiles.All.Where(p => p.Kind != InputKind.Vector))
        {
            var options = profile.ToOptions();
            Assert.InRange(options.TrainCount, 1800, 2100);
            Assert.Equal(profile.PaperMeanLabels, options.MeanLabelsPerSample);
        }
        using var coco = SyntheticProfiles.Get("coco-like");
        using var scope = NewDisposeScope();
        Assert.InRange(coco.Train.Labels.sum(1).mean().item<float>(), 2.75, 3.05);
        Assert.Equal([3L, 32L, 32L], coco.RowShape);
    }

    [Fact]
    public void TableOneNumbersAreCopied()
    {
        var mimic = SyntheticProfiles.Describe("mimic3-full-like");
        Assert.Equal((47_723, 1_631, 3_372, 8_692, 15.7), (mimic.PaperTrain, mimic.PaperValidation, mimic.PaperTest, mimic.PaperLabelCount, mimic.PaperMeanLabels));
        Assert.True(mimic.LabelCount < mimic.PaperLabelCount);
        var voc = SyntheticProfiles.Describe("voc-like");
        Assert.Equal((20, 1.5), (voc.LabelCount, voc.PaperMeanLabels));
        Assert.Equal("mimic4-icd10-full-like", SyntheticProfiles.Describe("mimic4-icd10-like").Name);
        Assert.Equal("mimic4-icd9-full-like", SyntheticProfiles.Describe("MIMIC4-ICD9-LIKE").Name);
    }

    [Fact]
    public void UnknownProfileAndBadScaleAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SyntheticProfiles.Describe("imagenet-like"));
        Assert.Contains("coco-like", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticProfiles.Get("voc-like", scale: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticProfiles.Get("voc-like", scale: 0));
    }
}

using MultiLabelContrastive.Data.Synthetic;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Tests.Synthetic;

public class SyntheticGeneratorTests
{
    private static SyntheticOptions Small(InputKind kind, int seed = 1) => new()
    {
        Name = "small", Kind = kind, LabelCount = 12, MeanLabelsPerSample = 2.5, TrainCount = 300, ValidationCount = 50,
        TestCount = 200, Seed = seed, ImageSize = 16, MeanWords = 30, MaxTokens = 64, FeatureCount = 24,
    };

    [Theory]
    [InlineData(InputKind.Vector)]
    [InlineData(InputKind.Tokens)]
    [InlineData(InputKind.Image)]
    public void SameSeedGivesIdenticalDataAndAnotherSeedDoesNot(InputKind kind)
    {
        using var a = SyntheticGenerator.Generate(Small(kind));
        using var b = SyntheticGenerator.Generate(Small(kind));
        using var c = SyntheticGenerator.Generate(Small(kind, seed: 2));
        foreach (var (x, y) in a.Splits.Zip(b.Splits))
        {
            Assert.True(Same(x.Inputs, y.Inputs), $"{kind} {x.Name} inputs differ");
            Assert.True(Same(x.Labels, y.Labels), $"{kind} {x.Name} labels differ");
        }
        Assert.Equal(a.VocabularySize, b.VocabularySize);
        Assert.False(Same(a.Train.Labels, c.Train.Labels));
        Assert.False(Same(a.Train.Inputs, c.Train.Inputs));
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Theory]
    [InlineData(InputKind.Vector, new long[] { 24 })]
    [InlineData(InputKind.Tokens, new long[] { 64 })]
    [InlineData(InputKind.Image, new long[] { 3, 16, 16 })]
    public void ShapesAndRanges(InputKind kind, long[] rowShape)
    {
        using var d = SyntheticGenerator.Generate(Small(kind));
        Assert.Equal(rowShape, d.RowShape);
        Assert.Equal([300L, 50L, 200L], d.Splits.Select(s => s.Count));
        Assert.Equal(12, d.LabelCount);
        Assert.True(d.IsSurrogate);
        Assert.Contains("Surrogate data", d.Description);
        using var scope = NewDisposeScope();
        Assert.True(d.Train.Labels.sum(1).min().item<float>() >= 1, "every sample has at least one label");
        if (kind == InputKind.Image)
            Assert.True(d.Train.Inputs.min().item<float>() >= 0 && d.Train.Inputs.max().item<float>() <= 1);
        if (kind == InputKind.Tokens)
        {
            Assert.NotNull(d.VocabularySize);
            Assert.True(d.Test.Inputs.max().item<long>() < d.VocabularySize);
        }
    }

    [Fact]
    public void LabelFrequencyIsLongTailedAndClustersCoOccur()
    {
        var options = Small(InputKind.Vector) with { LabelCount = 30, TrainCount = 4000, ZipfExponent = 1.0, MeanLabelsPerSample = 3 };
        using var d = SyntheticGenerator.Generate(options);
        var y = d.Train.Labels.data<float>().ToArray();
        int n = (int)d.Train.Count, c = 30;
        var frequency = Enumerable.Range(0, c).Select(j => Enumerable.Range(0, n).Average(i => (double)y[i * c + j])).ToArray();
        Assert.True(Spearman(Enumerable.Range(0, c).Select(j => (double)j).ToArray(), frequency) < -0.7,
            "label frequency falls with the Zipf rank");
        Assert.True(frequency[0] > 4 * frequency[^1], $"head {frequency[0]:0.000} vs tail {frequency[^1]:0.000}");

        var structure = new LabelStructure(options, new SeededRandom(options.Seed, 0));
        double sameLift = 0, otherLift = 0;
        int same = 0, other = 0;
        for (var a = 0; a < c; a++)
        for (var b = a + 1; b < c; b++)
        {
            var joint = Enumerable.Range(0, n).Average(i => (double)(y[i * c + a] * y[i * c + b]));
            var lift = joint / (frequency[a] * frequency[b]);
            if (structure.ClusterOf[a] == structure.ClusterOf[b]) { sameLift += lift; same++; }
            else { otherLift += lift; other++; }
        }
        Assert.True(sameLift / same > 2 * (otherLift / other), $"same-cluster lift {sameLift / same:0.00} vs {otherLift / other:0.00}");
    }

    [Theory]
    [InlineData(InputKind.Vector)]
    [InlineData(InputKind.Tokens)]
    [InlineData(InputKind.Image)]
    public void InputsCarryTheLabelSignal(InputKind kind)
    {
        // A nearest-class-mean rule for the most frequent label, fitted on train, beats the majority rate on test.
        // Features: raw vectors, bags of token ids, per-channel colour histograms (motifs move, colours do not).
        using var d = SyntheticGenerator.Generate(Small(kind));
        using var scope = NewDisposeScope();
        Tensor Features(DatasetSplit s) => kind switch
        {
            InputKind.Tokens => zeros(s.Count, d.VocabularySize!.Value).scatter_add_(1, s.Inputs, ones_like(s.Inputs, ScalarType.Float32)),
            InputKind.Image => TorchSharp.torch.nn.functional.one_hot((s.Inputs.reshape(s.Count, 3, -1) * 7.999).to(ScalarType.Int64), 8).to(ScalarType.Float32).mean([2L]).reshape(s.Count, -1),
            _ => s.Inputs,
        };
        var x = Features(d.Train);
        var positive = d.Train.Labels[.., 0].to(ScalarType.Bool);
        var scale = x.std([0L]) + 1e-3;
        var direction = (x[positive].mean([0L]) - x[positive.logical_not()].mean([0L])) / scale / scale;
        var score = Features(d.Test).matmul(direction).data<float>().ToArray();
        var truth = d.Test.Labels[.., 0].data<float>().ToArray();
        var auc = Auc(score, truth);
        Assert.True(auc > 0.75, $"{kind}: test AUC {auc:0.000} of a class-mean direction fitted on train");
    }

    private static double Auc(float[] score, float[] truth)
    {
        double wins = 0;
        long pairs = 0;
        for (var i = 0; i < score.Length; i++)
        for (var j = 0; j < score.Length; j++)
            if (truth[i] == 1 && truth[j] == 0)
            {
                pairs++;
                wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
            }
        return wins / pairs;
    }

    [Fact]
    public void HierarchyNamesLabelsByGroup()
    {
        using var d = SyntheticGenerator.Generate(Small(InputKind.Vector) with { HierarchyGroups = 3 });
        Assert.All(d.LabelNames, name => Assert.Matches(@"^g0[0-2]\.l\d{3}$", name));
        Assert.Equal(3, d.LabelNames.Select(n => n[..3]).Distinct().Count());
        using var flat = SyntheticGenerator.Generate(Small(InputKind.Vector));
        Assert.Equal("label000", flat.LabelNames[0]);
    }

    [Fact]
    public void OptionsOutOfRangeNameTheProperty()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Generate(Small(InputKind.Vector) with { MeanLabelsPerSample = 13 }));
        Assert.Equal(nameof(SyntheticOptions.MeanLabelsPerSample), e.ParamName);
        Assert.Equal(nameof(SyntheticOptions.ImageSize),
            Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Generate(Small(InputKind.Image) with { ImageSize = 4 })).ParamName);
        Assert.Equal(nameof(SyntheticOptions.LabelCount),
            Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Generate(Small(InputKind.Vector) with { LabelCount = 1, MeanLabelsPerSample = 1 })).ParamName);
    }

    [Fact]
    public void TextCorpusMatchesTheTokenDataset()
    {
        var options = Small(InputKind.Tokens);
        var corpus = SyntheticGenerator.GenerateTexts(options);
        using var d = SyntheticGenerator.Generate(options);
        Assert.Equal(300, corpus.Train.Count);
        var labels = d.Validation.Labels.data<float>().ToArray();
        for (var i = 0; i < corpus.Validation.Count; i++)
            Assert.Equal(corpus.Validation.LabelIndices[i], Enumerable.Range(0, 12).Where(j => labels[i * 12 + j] == 1));
        Assert.True(corpus.Train.Texts.All(t => t.Split(' ').Length >= 5));
    }

    internal static double Spearman(double[] a, double[] b)
    {
        double[] Ranks(double[] v)
        {
            var order = v.Select((x, i) => (x, i)).OrderBy(p => p.x).ToArray();
            var ranks = new double[v.Length];
            for (var k = 0; k < order.Length;)
            {
                var end = k;
                while (end + 1 < order.Length && order[end + 1].x == order[k].x) end++;
                for (var j = k; j <= end; j++) ranks[order[j].i] = (k + end) / 2.0;
                k = end + 1;
            }
            return ranks;
        }
        double[] ra = Ranks(a), rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        var cov = ra.Zip(rb).Sum(p => (p.First - ma) * (p.Second - mb));
        return cov / Math.Sqrt(ra.Sum(x => (x - ma) * (x - ma)) * rb.Sum(x => (x - mb) * (x - mb)));
    }
}

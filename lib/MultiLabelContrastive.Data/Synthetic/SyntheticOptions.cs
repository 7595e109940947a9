namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// Everything that shapes a synthetic multi-label dataset: label space, latent label structure, split sizes, seed,
/// and the payload of each input kind. Defaults give a small vector task; profiles (<see cref="SyntheticProfiles"/>)
/// fill them from the paper's datasets.
/// </summary>
/// <remarks>
/// Label structure: label c has Zipf weight w_c = (c + 1)^−s (label 0 most frequent). A sample draws its label count
/// k = 1 + Poisson(m − 1), clipped to [1, C], so E[k] = m (<see cref="MeanLabelsPerSample"/>). The first label is
/// drawn by weight; each further label comes, with probability <see cref="ClusterAffinity"/>, from the first label's
/// co-occurrence cluster (by weight), else from all labels (by weight), without repeats. With
/// <see cref="HierarchyGroups"/> G &gt; 0 the clusters are G parent groups and sibling labels share part of their
/// prototype (vector), keywords (text) or shape (image). Each active label gets a mixing weight a_c ~ U(0.5, 1.5).
/// </remarks>
public sealed record SyntheticOptions
{
    /// <summary>Dataset name.</summary>
    public string Name { get; init; } = "synthetic";

    /// <summary>Payload kind.</summary>
    public InputKind Kind { get; init; } = InputKind.Vector;

    /// <summary>Number of labels C. Range: ≥ 2.</summary>
    public int LabelCount { get; init; } = 20;

    /// <summary>Mean labels per sample m. Range: 1 ≤ m ≤ C.</summary>
    public double MeanLabelsPerSample { get; init; } = 2.5;

    /// <summary>Zipf exponent s of label frequency (0 = uniform). Range: 0 ≤ s ≤ 4.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Number of co-occurrence clusters when there is no hierarchy (0 = max(1, C / 6)). Range: ≥ 0.</summary>
    public int ClusterCount { get; init; }

    /// <summary>Probability that a further label comes from the first label's cluster. Range: [0, 1].</summary>
    public double ClusterAffinity { get; init; } = 0.7;

    /// <summary>Parent groups of a two-level label hierarchy (0 = none). Range: 0 ≤ G ≤ C.</summary>
    public int HierarchyGroups { get; init; }

    /// <summary>Training rows. Range: ≥ 1.</summary>
    public int TrainCount { get; init; } = 1000;

    /// <summary>Validation rows. Range: ≥ 0.</summary>
    public int ValidationCount { get; init; } = 250;

    /// <summary>Test rows. Range: ≥ 0.</summary>
    public int TestCount { get; init; } = 250;

    /// <summary>Seed: the same options and seed give identical data.</summary>
    public int Seed { get; init; }

    /// <summary>Sentence(s) put before the generated description, e.g. which paper dataset is imitated.</summary>
    public string? Description { get; init; }

    /// <summary>Vector: number of features F. Range: ≥ 1.</summary>
    public int FeatureCount { get; init; } = 64;

    /// <summary>Vector: dimension of the label latent space H. Range: ≥ 1.</summary>
    public int LatentDimension { get; init; } = 16;

    /// <summary>Vector: dimension of the label-independent nuisance latent. Range: ≥ 0.</summary>
    public int NuisanceDimension { get; init; } = 8;

    /// <summary>Vector: standard deviation of the per-feature Gaussian noise. Range: ≥ 0.</summary>
    public double NoiseStd { get; init; } = 0.3;

    /// <summary>Text: number of distinct pseudo-words. Range: ≥ 50.</summary>
    public int WordCount { get; init; } = 2000;

    /// <summary>Text: keywords per label. Range: ≥ 1.</summary>
    public int KeywordsPerLabel { get; init; } = 8;

    /// <summary>Text: mean words per document. Range: ≥ 5.</summary>
    public int MeanWords { get; init; } = 80;

    /// <summary>Text: fraction of words drawn from the active labels' keywords. Range: (0, 1).</summary>
    public double SignalFraction { get; init; } = 0.25;

    /// <summary>Text: token row length L after cl100k tokenisation. Range: ≥ 1.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Image: side S of the square 3 × S × S images. Range: 8 ≤ S ≤ 256.</summary>
    public int ImageSize { get; init; } = 32;

    /// <summary>Clusters actually used (the hierarchy groups, or <see cref="ClusterCount"/>, or max(1, C / 6)).</summary>
    public int EffectiveClusterCount =>
        HierarchyGroups > 0 ? HierarchyGroups : ClusterCount > 0 ? ClusterCount : Math.Max(1, LabelCount / 6);

    /// <summary>Checks every range; throws <see cref="ArgumentOutOfRangeException"/> naming the property.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        if (!Enum.IsDefined(Kind)) throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown input kind.");
        Check(LabelCount >= 2, nameof(LabelCount), LabelCount, "must be ≥ 2");
        Check(MeanLabelsPerSample >= 1 && MeanLabelsPerSample <= LabelCount, nameof(MeanLabelsPerSample), MeanLabelsPerSample, $"must lie in [1, {LabelCount}]");
        Check(ZipfExponent is >= 0 and <= 4, nameof(ZipfExponent), ZipfExponent, "must lie in [0, 4]");
        Check(ClusterCount >= 0 && ClusterCount <= LabelCount, nameof(ClusterCount), ClusterCount, $"must lie in [0, {LabelCount}]");
        Check(ClusterAffinity is >= 0 and <= 1, nameof(ClusterAffinity), ClusterAffinity, "must lie in [0, 1]");
        Check(HierarchyGroups >= 0 && HierarchyGroups <= LabelCount, nameof(HierarchyGroups), HierarchyGroups, $"must lie in [0, {LabelCount}]");
        Check(TrainCount >= 1, nameof(TrainCount), TrainCount, "must be ≥ 1");
        Check(ValidationCount >= 0, nameof(ValidationCount), ValidationCount, "must be ≥ 0");
        Check(TestCount >= 0, nameof(TestCount), TestCount, "must be ≥ 0");
        Check(FeatureCount >= 1, nameof(FeatureCount), FeatureCount, "must be ≥ 1");
        Check(LatentDimension >= 1, nameof(LatentDimension), LatentDimension, "must be ≥ 1");
        Check(NuisanceDimension >= 0, nameof(NuisanceDimension), NuisanceDimension, "must be ≥ 0");
        Check(NoiseStd >= 0 && double.IsFinite(NoiseStd), nameof(NoiseStd), NoiseStd, "must be finite and ≥ 0");
        Check(WordCount >= 50, nameof(WordCount), WordCount, "must be ≥ 50");
        Check(KeywordsPerLabel >= 1, nameof(KeywordsPerLabel), KeywordsPerLabel, "must be ≥ 1");
        Check(MeanWords >= 5, nameof(MeanWords), MeanWords, "must be ≥ 5");
        Check(SignalFraction is > 0 and < 1, nameof(SignalFraction), SignalFraction, "must lie in (0, 1)");
        Check(MaxTokens >= 1, nameof(MaxTokens), MaxTokens, "must be ≥ 1");
        Check(ImageSize is >= 8 and <= 256, nameof(ImageSize), ImageSize, "must lie in [8, 256]");
    }

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}.");
    }
}

namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// The shape of one paper dataset (Table I of Huang et al., journal version: split sizes, label count, mean labels per
/// sample) and how its synthetic stand-in is scaled down for a CPU.
/// </summary>
public sealed record SyntheticProfile
{
    /// <summary>Smallest training split a profile produces, whatever the scale.</summary>
    public const int MinimumTrainRows = 32;

    /// <summary>Smallest validation or test split a profile produces, whatever the scale.</summary>
    public const int MinimumEvaluationRows = 16;

    /// <summary>Profile name, e.g. "coco-like".</summary>
    public required string Name { get; init; }

    /// <summary>The dataset imitated, as named in the paper, e.g. "MS-COCO".</summary>
    public required string PaperDataset { get; init; }

    /// <summary>Payload kind of the stand-in (images for image datasets, tokens for text, vectors for yeast).</summary>
    public required InputKind Kind { get; init; }

    /// <summary>Training rows in the paper.</summary>
    public required int PaperTrain { get; init; }

    /// <summary>Validation rows in the paper.</summary>
    public required int PaperValidation { get; init; }

    /// <summary>Test rows in the paper.</summary>
    public required int PaperTest { get; init; }

    /// <summary>Label count in the paper.</summary>
    public required int PaperLabelCount { get; init; }

    /// <summary>Mean labels per sample in the paper (kept as is by the stand-in).</summary>
    public required double PaperMeanLabels { get; init; }

    /// <summary>Fraction of the paper's rows generated when no scale is given (sized for a 2-core CPU: ~2,000 training rows).</summary>
    public required double DefaultScale { get; init; }

    /// <summary>Labels of the stand-in: the paper's count, or a scaled-down label space for the MIMIC "full" settings.</summary>
    public required int LabelCount { get; init; }

    /// <summary>Zipf exponent of label frequency (chosen for a long tail of this dataset's kind, not fitted).</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Parent groups of the two-level hierarchy (0 = none), e.g. COCO super-categories or ICD chapters.</summary>
    public int HierarchyGroups { get; init; }

    /// <summary>Vector: feature count.</summary>
    public int FeatureCount { get; init; } = 64;

    /// <summary>Text: mean words per document.</summary>
    public int MeanWords { get; init; } = 80;

    /// <summary>Text: token row length.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Image: side of the square images.</summary>
    public int ImageSize { get; init; } = 32;

    /// <summary>Generator options for this profile.</summary>
    /// <param name="scale">Fraction of the paper's rows per split (null = <see cref="DefaultScale"/>). Range: (0, 1].</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <exception cref="ArgumentOutOfRangeException">The scale is outside (0, 1].</exception>
    public SyntheticOptions ToOptions(double? scale = null, int seed = 0)
    {
        var s = scale ?? DefaultScale;
        if (!(s > 0 && s <= 1)) throw new ArgumentOutOfRangeException(nameof(scale), s, "The scale is a fraction of the paper's rows in (0, 1].");
        return new SyntheticOptions
        {
            Name = Name,
            Kind = Kind,
            LabelCount = LabelCount,
            MeanLabelsPerSample = Math.Min(PaperMeanLabels, LabelCount),
            ZipfExponent = ZipfExponent,
            HierarchyGroups = HierarchyGroups,
            TrainCount = Math.Max(MinimumTrainRows, (int)Math.Round(PaperTrain * s)),
            ValidationCount = Math.Max(MinimumEvaluationRows, (int)Math.Round(PaperValidation * s)),
            TestCount = Math.Max(MinimumEvaluationRows, (int)Math.Round(PaperTest * s)),
            Seed = seed,
            FeatureCount = FeatureCount,
            MeanWords = MeanWords,
            MaxTokens = MaxTokens,
            ImageSize = ImageSize,
            Description = FormattableString.Invariant(
                $"Stand-in for {PaperDataset} (paper: {PaperLabelCount} labels, {PaperMeanLabels:0.0} labels per sample, train {PaperTrain} / validation {PaperValidation} / test {PaperTest}), rows scaled by {s:0.####}{(LabelCount != PaperLabelCount ? $", label space scaled to {LabelCount}" : "")}."),
        };
    }
}

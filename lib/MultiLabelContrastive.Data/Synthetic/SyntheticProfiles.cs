namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// Named synthetic stand-ins of the paper's datasets, each copying Table I of the journal paper (label count, mean
/// labels per sample, train/validation/test sizes) scaled down for a CPU. Every dataset they produce has
/// <see cref="MultiLabelDataset.IsSurrogate"/> = true and a description saying it is surrogate data.
/// </summary>
/// <remarks>
/// The MIMIC "full" label spaces (8,692 / 11,145 / 25,230 codes) are scaled to a few hundred labels with the paper's
/// mean cardinality kept; the top-50 settings keep 50 labels. yeast-like copies the MulSupCon yeast split
/// (1,200 / 300 / 917, 103 features, 14 labels, 4.24 labels per sample).
/// </remarks>
public static class SyntheticProfiles
{
    private static readonly SyntheticProfile[] Profiles =
    [
        Image("coco-like", "MS-COCO", 82_000, 20_200, 20_200, 80, 2.9, 0.025, zipf: 1.0, groups: 12),
        Image("voc-like", "PASCAL VOC", 5_000, 2_500, 2_500, 20, 1.5, 0.4, zipf: 0.7, groups: 4),
        Image("nuswide-like", "NUS-WIDE", 125_400, 41_900, 41_900, 81, 2.4, 0.016, zipf: 1.0, groups: 0),
        Text("aapd-like", "AAPD", 37_800, 6_700, 11_300, 54, 54, 2.4, 0.05, zipf: 1.0, groups: 6, words: 80, tokens: 256),
        Text("mimic3-full-like", "MIMIC-III-Full", 47_723, 1_631, 3_372, 8_692, 435, 15.7, 0.04, zipf: 1.1, groups: 18, words: 180, tokens: 512),
        Text("mimic3-50-like", "MIMIC-III-50", 8_066, 1_573, 1_729, 50, 50, 5.7, 0.25, zipf: 0.7, groups: 10, words: 180, tokens: 512),
        Text("mimic4-icd9-full-like", "MIMIC-IV-ICD9-Full", 188_533, 7_110, 13_709, 11_145, 446, 13.4, 0.01, zipf: 1.1, groups: 18, words: 180, tokens: 512),
        Text("mimic4-icd9-50-like", "MIMIC-IV-ICD9-50", 170_664, 6_406, 12_405, 50, 50, 4.7, 0.012, zipf: 0.7, groups: 10, words: 180, tokens: 512),
        Text("mimic4-icd10-full-like", "MIMIC-IV-ICD10-Full", 110_442, 4_017, 7_851, 25_230, 505, 16.1, 0.018, zipf: 1.1, groups: 22, words: 180, tokens: 512),
        Text("mimic4-icd10-50-like", "MIMIC-IV-ICD10-50", 104_077, 3_805, 7_368, 50, 50, 5.4, 0.019, zipf: 0.7, groups: 10, words: 180, tokens: 512),
        new SyntheticProfile
        {
            Name = "yeast-like", PaperDataset = "yeast (MulSupCon split)", Kind = InputKind.Vector,
            PaperTrain = 1_200, PaperValidation = 300, PaperTest = 917, PaperLabelCount = 14, PaperMeanLabels = 4.24,
            DefaultScale = 1.0, LabelCount = 14, ZipfExponent = 0.5, FeatureCount = 103,
        },
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mimic4-icd9-like"] = "mimic4-icd9-full-like",
        ["mimic4-icd10-like"] = "mimic4-icd10-full-like",
    };

    /// <summary>Every profile, in the order of Table I (yeast-like last).</summary>
    public static IReadOnlyList<SyntheticProfile> All => Profiles;

    /// <summary>Every profile name.</summary>
    public static IReadOnlyList<string> Names => Profiles.Select(p => p.Name).ToArray();

    /// <summary>The profile of a name (case-insensitive; "mimic4-icd9-like" and "mimic4-icd10-like" mean the full settings).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static SyntheticProfile Describe(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = Aliases.GetValueOrDefault(name.Trim(), name.Trim());
        return Profiles.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"Unknown synthetic profile '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Generates the stand-in dataset of a profile.</summary>
    /// <param name="name">Profile name (see <see cref="Names"/>).</param>
    /// <param name="scale">Fraction of the paper's rows per split (null = the profile's CPU default). Range: (0, 1].</param>
    /// <param name="seed">Seed; the same name, scale and seed give identical data.</param>
    public static MultiLabelDataset Get(string name, double? scale = null, int seed = 0) =>
        SyntheticGenerator.Generate(Describe(name).ToOptions(scale, seed));

    private static SyntheticProfile Image(string name, string paper, int train, int validation, int test, int labels, double mean,
        double scale, double zipf, int groups) => new()
    {
        Name = name, PaperDataset = paper, Kind = InputKind.Image, PaperTrain = train, PaperValidation = validation, PaperTest = test,
        PaperLabelCount = labels, PaperMeanLabels = mean, DefaultScale = scale, LabelCount = labels, ZipfExponent = zipf,
        HierarchyGroups = groups,
    };

    private static SyntheticProfile Text(string name, string paper, int train, int validation, int test, int paperLabels, int labels,
        double mean, double scale, double zipf, int groups, int words, int tokens) => new()
    {
        Name = name, PaperDataset = paper, Kind = InputKind.Tokens, PaperTrain = train, PaperValidation = validation, PaperTest = test,
        PaperLabelCount = paperLabels, PaperMeanLabels = mean, DefaultScale = scale, LabelCount = labels, ZipfExponent = zipf,
        HierarchyGroups = groups, MeanWords = words, MaxTokens = tokens,
    };
}

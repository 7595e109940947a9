using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Synthetic;
using MultiLabelContrastive.Data.Text;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// Finds a paper dataset: a prepared copy under the data root (written by data-scripts) when there is one, otherwise
/// the matching synthetic profile, labelled as surrogate data.
/// </summary>
public static class DatasetResolver
{
    /// <summary>The synthetic profile (and prepared folder name, the profile minus "-like") of each paper dataset.</summary>
    public static IReadOnlyDictionary<string, string> ProfileOf { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["MS-COCO"] = "coco-like",
        ["PASCAL"] = "voc-like",
        ["NUS-WIDE"] = "nuswide-like",
        ["AAPD"] = "aapd-like",
        ["MIMIC-III-Full"] = "mimic3-full-like",
        ["MIMIC-III-50"] = "mimic3-50-like",
        ["MIMIC-IV-ICD9-Full"] = "mimic4-icd9-full-like",
        ["MIMIC-IV-ICD9-50"] = "mimic4-icd9-50-like",
        ["MIMIC-IV-ICD10-Full"] = "mimic4-icd10-full-like",
        ["MIMIC-IV-ICD10-50"] = "mimic4-icd10-50-like",
        ["yeast"] = "yeast-like",
    };

    /// <summary>The folder a prepared copy of the dataset is looked for in: <c>dataRoot/&lt;profile without "-like"&gt;</c>.</summary>
    public static string PreparedFolder(string dataRoot, string paperDataset) =>
        Path.Combine(dataRoot, Profile(paperDataset)[..^"-like".Length]);

    /// <summary>Resolves a paper dataset.</summary>
    /// <param name="paperDataset">The paper's name (see <see cref="ProfileOf"/>).</param>
    /// <param name="dataRoot">Folder of prepared datasets; empty or missing: use the synthetic stand-in.</param>
    /// <param name="settings">The run size's settings: the stand-in's rows, the tokens per text and how prepared images are
    /// loaded (<see cref="StageSettings.ImageLoad"/>).</param>
    /// <param name="seed">Seed of the synthetic data.</param>
    /// <param name="maxRowsPerSplit">Optional cap on the rows read from a prepared dataset.</param>
    public static ResolvedDataset Resolve(string paperDataset, string? dataRoot, StageSettings settings, int seed = 0, int? maxRowsPerSplit = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrWhiteSpace(dataRoot))
        {
            var folder = PreparedFolder(dataRoot, paperDataset);
            if (File.Exists(Path.Combine(folder, "manifest.json")))
            {
                var load = (settings.ImageLoad ?? new PreparedLoadOptions()) with { MaxRowsPerSplit = maxRowsPerSplit, Text = new TextEncodingOptions { MaxLength = settings.TextLength } };
                var real = PreparedDataset.Load(folder, load);
                return new ResolvedDataset(paperDataset, real, false, $"prepared data in {Path.GetFullPath(folder)}");
            }
        }
        var options = SyntheticOptionsFor(paperDataset, settings, seed);
        var data = SyntheticGenerator.Generate(options);
        return new ResolvedDataset(paperDataset, data, true, SyntheticSource(paperDataset, options));
    }

    /// <summary>The options of a paper dataset's synthetic stand-in under a run size (rows, image side, text length).</summary>
    /// <param name="paperDataset">The paper's name (see <see cref="ProfileOf"/>).</param>
    /// <param name="settings">The run size's settings.</param>
    /// <param name="seed">Seed of the synthetic data.</param>
    public static SyntheticOptions SyntheticOptionsFor(string paperDataset, StageSettings settings, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = SyntheticProfiles.Describe(Profile(paperDataset)).ToOptions(seed: seed);
        if (settings.SyntheticRows is { } rows)
            options = options with { TrainCount = rows.Train, ValidationCount = rows.Validation, TestCount = rows.Test };
        if (options.Kind == InputKind.Image && settings.ImageSize is { } side)
            options = options with { ImageSize = side };
        if (options.Kind == InputKind.Tokens)
            options = options with { MaxTokens = Math.Min(options.MaxTokens, settings.TextLength), MeanWords = Math.Min(options.MeanWords, settings.TextLength * 2 / 3) };
        return options;
    }

    /// <summary>The source line of a synthetic stand-in, in words.</summary>
    internal static string SyntheticSource(string paperDataset, SyntheticOptions options)
    {
        var profile = SyntheticProfiles.Describe(Profile(paperDataset));
        return $"synthetic profile '{profile.Name}' ({options.TrainCount}/{options.ValidationCount}/{options.TestCount} rows, {options.LabelCount} labels, shaped like {profile.PaperDataset})";
    }

    private static string Profile(string paperDataset) =>
        ProfileOf.TryGetValue(paperDataset, out var p) ? p
            : throw new ArgumentException($"Unknown paper dataset '{paperDataset}'. Known: {string.Join(", ", ProfileOf.Keys)}.", nameof(paperDataset));
}

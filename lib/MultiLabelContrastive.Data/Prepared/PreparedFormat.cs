namespace MultiLabelContrastive.Data.Prepared;

/// <summary>
/// The prepared-dataset format (version 1): one folder per dataset holding <c>manifest.json</c> and, per split
/// (train, validation, test), three files — ids, labels and payload. Written by <see cref="PreparedDatasetWriter"/>,
/// read by <see cref="PreparedDataset"/>; data-scripts/README.md describes it for people.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>{split}.ids.txt</c>: one source id per line (hadm_id, image id, file name, row number).</item>
/// <item><c>{split}.labels.txt</c>: one line per row, the 0-based label columns separated by single spaces, ascending
/// (an empty line is a row without labels); columns index <c>labels</c> of the manifest.</item>
/// <item>Payload. Tokens: <c>{split}.text.txt</c>, one document per line (tabs, carriage returns and newlines replaced
/// by spaces). Vector: <c>{split}.features.f64</c>, little-endian float64, row-major n × F. Image:
/// <c>{split}.images.txt</c>, one path per line relative to the manifest's <c>imageRoot</c> (forward slashes).</item>
/// </list>
/// All text files are UTF-8 without BOM with "\n" line ends. The manifest lists every file of the folder it covers with
/// its size and SHA-256, the split counts and the label names; the manifest is written last and the folder is renamed
/// into place, so a folder with a valid manifest is always whole.
/// </remarks>
public static class PreparedFormat
{
    /// <summary>Value of the manifest's <c>format</c> field.</summary>
    public const string FormatName = "mlc-prepared-dataset";

    /// <summary>Current format version.</summary>
    public const int Version = 1;

    /// <summary>File name of the manifest.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The split names, in order.</summary>
    public static IReadOnlyList<string> SplitNames { get; } = ["train", "validation", "test"];

    /// <summary>File of a split's source ids.</summary>
    public static string IdsFile(string split) => $"{split}.ids.txt";

    /// <summary>File of a split's label lists.</summary>
    public static string LabelsFile(string split) => $"{split}.labels.txt";

    /// <summary>Payload file of a split for a kind.</summary>
    public static string PayloadFile(string split, InputKind kind) => kind switch
    {
        InputKind.Tokens => $"{split}.text.txt",
        InputKind.Vector => $"{split}.features.f64",
        InputKind.Image => $"{split}.images.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    /// <summary>Manifest spelling of a kind: "tokens", "vector" or "image".</summary>
    public static string KindName(InputKind kind) => kind switch
    {
        InputKind.Tokens => "tokens",
        InputKind.Vector => "vector",
        InputKind.Image => "image",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    /// <summary>Kind of a manifest spelling.</summary>
    /// <exception cref="InvalidDataException">Unknown spelling.</exception>
    public static InputKind ParseKind(string name) => name switch
    {
        "tokens" => InputKind.Tokens,
        "vector" => InputKind.Vector,
        "image" => InputKind.Image,
        _ => throw new InvalidDataException($"Unknown kind '{name}' (expected tokens, vector or image)."),
    };
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiLabelContrastive.Data.Prepared;

/// <summary>The <c>manifest.json</c> of a prepared dataset (see <see cref="PreparedFormat"/>).</summary>
public sealed record PreparedManifest
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Always <see cref="PreparedFormat.FormatName"/>.</summary>
    public string Format { get; init; } = PreparedFormat.FormatName;

    /// <summary>Format version (<see cref="PreparedFormat.Version"/>).</summary>
    public int FormatVersion { get; init; } = PreparedFormat.Version;

    /// <summary>Dataset name.</summary>
    public required string Name { get; init; }

    /// <summary>"tokens", "vector" or "image".</summary>
    public required string Kind { get; init; }

    /// <summary>Source and preprocessing in words.</summary>
    public required string Description { get; init; }

    /// <summary>True for synthetic stand-ins.</summary>
    public bool IsSurrogate { get; init; }

    /// <summary>The command or program that wrote the dataset.</summary>
    public string? Source { get; init; }

    /// <summary>Label names in column order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Vector only: feature count F.</summary>
    public int? FeatureCount { get; init; }

    /// <summary>Image only: folder the image paths are relative to; "." or a relative path is resolved against the dataset folder.</summary>
    public string? ImageRoot { get; init; }

    /// <summary>Row count of each split, in the order train, validation, test.</summary>
    public required IReadOnlyList<SplitEntry> Splits { get; init; }

    /// <summary>Every file of the dataset folder with its size and SHA-256.</summary>
    public required IReadOnlyList<FileEntry> Files { get; init; }

    /// <summary>The input kind.</summary>
    [JsonIgnore]
    public InputKind InputKind => PreparedFormat.ParseKind(Kind);

    /// <summary>Row count of a split.</summary>
    public int Count(string split) =>
        Splits.FirstOrDefault(s => s.Name == split)?.Count ?? throw new InvalidDataException($"The manifest has no split '{split}'.");

    /// <summary>One split's name and row count.</summary>
    /// <param name="Name">"train", "validation" or "test".</param>
    /// <param name="Count">Rows.</param>
    public sealed record SplitEntry(string Name, int Count);

    /// <summary>One file's relative path, size in bytes and SHA-256 (lower-case hex).</summary>
    /// <param name="Path">Path relative to the dataset folder, forward slashes.</param>
    /// <param name="Bytes">Size.</param>
    /// <param name="Sha256">Checksum.</param>
    public sealed record FileEntry(string Path, long Bytes, string Sha256);
}

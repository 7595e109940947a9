namespace MultiLabelContrastive.Data.Prepared;

/// <summary>What a <see cref="PreparedDatasetWriter"/> needs to know before the rows.</summary>
public sealed record PreparedDatasetInfo
{
    /// <summary>Dataset name, e.g. "mimic3-50".</summary>
    public required string Name { get; init; }

    /// <summary>Payload kind.</summary>
    public required InputKind Kind { get; init; }

    /// <summary>Label names in column order (C ≥ 1, distinct, not blank).</summary>
    public required IReadOnlyList<string> LabelNames { get; init; }

    /// <summary>Source and preprocessing in words.</summary>
    public required string Description { get; init; }

    /// <summary>True for synthetic stand-ins.</summary>
    public bool IsSurrogate { get; init; }

    /// <summary>The command that wrote the dataset (recorded in the manifest).</summary>
    public string? Source { get; init; }

    /// <summary>Vector only: feature count F ≥ 1.</summary>
    public int? FeatureCount { get; init; }

    /// <summary>
    /// Image only: folder the image paths are relative to; an absolute path for images left where they are, "." for
    /// images stored inside the dataset folder.
    /// </summary>
    public string? ImageRoot { get; init; }
}

using MultiLabelContrastive.Data.Text;

namespace MultiLabelContrastive.Data.Prepared;

/// <summary>How <see cref="PreparedDataset.Load"/> turns a prepared folder into tensors.</summary>
public sealed record PreparedLoadOptions
{
    /// <summary>Tokens: row length, minimum count and vocabulary cap of the cl100k encoding (vocabulary fitted on train).</summary>
    public TextEncodingOptions Text { get; init; } = new();

    /// <summary>Vector: z-score every feature with the training split's mean and population standard deviation (default true).</summary>
    public bool StandardizeFeatures { get; init; } = true;

    /// <summary>Image: side S the images are resized to (whole image, bilinear/area), giving n × 3 × S × S. Range: 8–1024.</summary>
    public int ImageSize { get; init; } = 64;

    /// <summary>Keep only the first rows of each split (memory bound for big image sets); null keeps all. Range: ≥ 1.</summary>
    public int? MaxRowsPerSplit { get; init; }
}

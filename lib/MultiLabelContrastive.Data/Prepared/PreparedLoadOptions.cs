using MultiLabelContrastive.Data.Text;

namespace MultiLabelContrastive.Data.Prepared;

/// <summary>How <see cref="PreparedDataset.Load"/> turns a prepared folder into tensors.</summary>
public sealed record PreparedLoadOptions
{
    /// <summary>Tokens: row length, minimum count and vocabulary cap of the cl100k encoding (vocabulary fitted on train).</summary>
    public TextEncodingOptions Text { get; init; } = new();

    /// <summary>Vector: z-score every feature with the training split's mean and population standard deviation (default true).</summary>
    public bool StandardizeFeatures { get; init; } = true;

    /// <summary>Image, <see cref="PreparedImagePreprocessing.ResizeWhole"/>: side S the whole image is resized to
    /// (TorchVision's antialiased bilinear resize), giving n × 3 × S × S in [0, 1]; with
    /// <see cref="PreparedImagePreprocessing.ImageNet"/> the side of the centre crop (224). Range: 8–1024.</summary>
    public int ImageSize { get; init; } = 64;

    /// <summary>Image: how decoded images become rows (default: resize the whole image to <see cref="ImageSize"/>).</summary>
    public PreparedImagePreprocessing ImagePreprocessing { get; init; } = PreparedImagePreprocessing.ResizeWhole;

    /// <summary>The ImageNet-pretrained ResNet's evaluation preprocessing at 224 × 224 (resize 256, centre crop 224,
    /// ImageNet normalisation): what the paper's image rows feed the encoder.</summary>
    public static PreparedLoadOptions ImageNet { get; } = new() { ImageSize = 224, ImagePreprocessing = PreparedImagePreprocessing.ImageNet };

    /// <summary>Image: the most bytes the loaded pixel tensors of the three splits may take (rows × 3 × S × S × 1 for the
    /// uint8 pixels of <see cref="PreparedImagePreprocessing.ImageNet"/>, × 4 for the float32 rows of
    /// <see cref="PreparedImagePreprocessing.ResizeWhole"/>); a
    /// dataset that needs more is refused before anything is decoded, with the size it needs and the options that shrink
    /// it. Null: 80 % of the memory available to the process. Range: ≥ 1.</summary>
    public long? MaxImageBytes { get; init; }

    /// <summary>Keep only the first rows of each split (memory bound for big image sets); null keeps all. Range: ≥ 1.</summary>
    public int? MaxRowsPerSplit { get; init; }
}

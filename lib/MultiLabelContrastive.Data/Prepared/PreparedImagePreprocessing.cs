namespace MultiLabelContrastive.Data.Prepared;

/// <summary>How <see cref="PreparedDataset.Load"/> turns a decoded image into a row.</summary>
public enum PreparedImagePreprocessing
{
    /// <summary>The whole image resized to S × S (aspect ratio not kept), values in [0, 1]: CPU-sized runs.</summary>
    ResizeWhole,

    /// <summary><see cref="Images.ImageNetPreprocessing.Evaluation"/>: shorter side to ⌊S · 256 / 224⌋, centre crop S × S,
    /// ImageNet normalisation (S = 224: torchvision's evaluation transform). About 600 KB of memory per image at 224.</summary>
    ImageNet,
}

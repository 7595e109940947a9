namespace MultiLabelContrastive.Data.Prepared;

/// <summary>How <see cref="PreparedDataset.Load"/> turns a decoded image into a row.</summary>
public enum PreparedImagePreprocessing
{
    /// <summary>The whole image resized to S × S (aspect ratio not kept), float32 values in [0, 1] (12 bytes per pixel):
    /// CPU-sized runs.</summary>
    ResizeWhole,

    /// <summary>torchvision's evaluation transform (S = 224): shorter side to ⌊S · 256 / 224⌋ and centre crop S × S, held as
    /// uint8 pixels (<see cref="Images.ImageNetPreprocessing.EvaluationPixels"/>, 150 KB per image at 224, a quarter of
    /// float32), ÷ 255 and the ImageNet normalisation applied to each batch when it is read
    /// (<see cref="DatasetSplit.Rows(TorchSharp.torch.Tensor, TorchSharp.torch.Device?)"/>).</summary>
    ImageNet,
}

namespace MultiLabelContrastive.Encoders;

/// <summary>The depth of a <see cref="TorchVisionResNet"/>: the two networks of the paper's image rows and their
/// ablations.</summary>
public enum ResNetDepth
{
    /// <summary>ResNet-18: BasicBlocks {2, 2, 2, 2}, 512 features.</summary>
    ResNet18 = 18,

    /// <summary>ResNet-50: Bottleneck blocks {3, 4, 6, 3}, 2048 features (the paper's image encoder).</summary>
    ResNet50 = 50,
}

namespace MultiLabelContrastive.Encoders;

/// <summary>The first layers of a <see cref="TorchVisionResNet"/>.</summary>
public enum ResNetStem
{
    /// <summary>torchvision's stem: 7 × 7 stride-2 convolution, batch norm, ReLU, 3 × 3 stride-2 max-pool (224 × 224
    /// inputs; what ImageNet weights were trained with).</summary>
    ImageNet,

    /// <summary>The CIFAR stem for 32 × 32 images: one 3 × 3 stride-1 convolution (still named <c>conv1</c>, weight
    /// 64 × 3 × 3 × 3), batch norm, ReLU, no max-pool. ImageNet weights do not fit its <c>conv1</c>.</summary>
    SmallImage,
}

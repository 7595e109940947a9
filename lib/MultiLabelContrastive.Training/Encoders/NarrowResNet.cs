using MultiLabelContrastive.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// A narrow residual network for CPU stand-ins (widths below 64): stem, four stages of residual blocks (BasicBlock for
/// ResNet-18, Bottleneck for ResNet-50; torchvision layout with the stride on the 3 × 3 convolution), global average
/// pooling. The paper's networks (width 64) are <see cref="TorchVisionResNet"/>; this class remains only because
/// TorchVision's ResNet fixes its stage widths at 64-128-256-512 (its <c>width_per_group</c> narrows only a Bottleneck's
/// inner 3 × 3 convolution, and ResNet-18 has no Bottleneck), and the width-4 to width-16 stand-ins that tests and the
/// notebooks' quick and default runs train in seconds on two cores cannot be built from it (width 64 costs about 60 times
/// the arithmetic of width 8). <see cref="EncoderSpec.ResNet18"/> and <see cref="EncoderSpec.ResNet50"/> pick it only
/// below width 64.
/// </summary>
/// <remarks>
/// Input: N × 3 × H × W float32. Output: N × (8 · width) for ResNet-18 and N × (32 · width) for ResNet-50, where width
/// is the first stage's channel count (64 in the paper's networks: 512 and 2048 features).
/// The ImageNet stem is a 7 × 7 stride-2 convolution and a 3 × 3 stride-2 max-pool; the small-image stem (for 32 × 32
/// inputs, as in CIFAR ResNets) is a single 3 × 3 stride-1 convolution without pooling. Convolutions use Kaiming-normal
/// initialisation (fan-out, ReLU), batch norms weight 1 and bias 0.
/// Checkpoints: a narrow network's weights (TorchSharp format, names <c>stem.conv.weight</c>,
/// <c>stages.layer1_0.branch.conv1.weight</c>, …) load into this class as before; weights this class wrote at width 64 (the
/// paper's networks of earlier versions) load into <see cref="TorchVisionResNet"/> through <see cref="ResNetWeights"/>,
/// which renames them to torchvision's keys and gives the same features. A training run checkpointed with this class at
/// width 64 does not resume with <see cref="TorchVisionResNet"/> (each stage's fingerprint names the encoder class, so
/// the resume is refused with both settings shown): start the run again, or load the checkpoint's encoder weights with
/// <see cref="ResNetWeights"/>.
/// </remarks>
public sealed class NarrowResNet : Encoder
{
    private readonly Sequential stem;
    private readonly Sequential stages;
    private readonly AdaptiveAvgPool2d pool;

    /// <summary>Creates a ResNet.</summary>
    /// <param name="blocksPerStage">Blocks in each of the four stages, e.g. {2, 2, 2, 2} (ResNet-18) or {3, 4, 6, 3} (ResNet-50). Range: four entries ≥ 1.</param>
    /// <param name="bottleneck">Bottleneck blocks (expansion 4) instead of basic blocks.</param>
    /// <param name="smallImages">The 3 × 3 stride-1 stem for small (32 × 32) images instead of the ImageNet stem.</param>
    /// <param name="width">Channels of the first stage (doubled at each later stage). Range: ≥ 1; 64 in the paper's networks.</param>
    /// <exception cref="ArgumentException">The stage list or the width is out of range.</exception>
    public NarrowResNet(IReadOnlyList<int> blocksPerStage, bool bottleneck, bool smallImages, long width = 64) : base(nameof(NarrowResNet))
    {
        ArgumentNullException.ThrowIfNull(blocksPerStage);
        if (blocksPerStage.Count != 4 || blocksPerStage.Any(b => b < 1))
            throw new ArgumentException($"Expected four stage block counts ≥ 1, got [{string.Join(", ", blocksPerStage)}].", nameof(blocksPerStage));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1L);

        stem = smallImages
            ? nn.Sequential(
                ("conv", nn.Conv2d(3, width, 3, stride: 1, padding: 1, bias: false)),
                ("bn", nn.BatchNorm2d(width)),
                ("relu", nn.ReLU()))
            : nn.Sequential(
                ("conv", nn.Conv2d(3, width, 7, stride: 2, padding: 3, bias: false)),
                ("bn", nn.BatchNorm2d(width)),
                ("relu", nn.ReLU()),
                ("pool", nn.MaxPool2d(3, stride: 2, padding: 1)));

        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        var channels = width;
        for (var stage = 0; stage < 4; stage++)
        {
            var planes = width << stage;
            for (var b = 0; b < blocksPerStage[stage]; b++)
            {
                var stride = stage > 0 && b == 0 ? 2 : 1;
                blocks.Add(($"layer{stage + 1}_{b}", bottleneck
                    ? ResidualBlock.Bottleneck(channels, planes, stride)
                    : ResidualBlock.Basic(channels, planes, stride)));
                channels = ResidualBlock.OutputChannels(bottleneck, planes);
            }
        }
        stages = nn.Sequential(blocks);
        pool = nn.AdaptiveAvgPool2d(1);
        OutputSize = channels;
        SmallImages = smallImages;
        RegisterComponents();

        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (parameter.dim() == 4) nn.init.kaiming_normal_(parameter, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
        }
    }

    /// <summary>ResNet-18: basic blocks {2, 2, 2, 2}, 512 features at width 64.</summary>
    /// <param name="smallImages">Small-image stem for 32 × 32 inputs.</param>
    /// <param name="width">First-stage channels (64 in the paper; smaller widths for CPU runs and tests).</param>
    public static NarrowResNet ResNet18(bool smallImages = false, long width = 64) => new([2, 2, 2, 2], bottleneck: false, smallImages, width);

    /// <summary>ResNet-50: bottleneck blocks {3, 4, 6, 3}, 2048 features at width 64.</summary>
    /// <param name="smallImages">Small-image stem for 32 × 32 inputs.</param>
    /// <param name="width">First-stage channels (64 in the paper).</param>
    public static NarrowResNet ResNet50(bool smallImages = false, long width = 64) => new([3, 4, 6, 3], bottleneck: true, smallImages, width);

    /// <summary>True when the small-image stem is used.</summary>
    public bool SmallImages { get; }

    /// <inheritdoc />
    public override long OutputSize { get; }

    /// <inheritdoc />
    public override InputKind Input => InputKind.Image;

    /// <summary>Maps N × 3 × H × W images to N × features.</summary>
    /// <param name="input">N × 3 × H × W float32.</param>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return pool.call(stages.call(stem.call(input))).flatten(1).MoveToOuterDisposeScope();
    }
}

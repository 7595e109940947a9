using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// The residual blocks of <see cref="NarrowResNet"/> (He et al. 2016, torchvision layout, stride on the 3 × 3 convolution):
/// BasicBlock (two 3 × 3 convolutions, expansion 1) and Bottleneck (1 × 1, 3 × 3, 1 × 1, expansion 4).
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential branch;
    private readonly Sequential? shortcut;

    private ResidualBlock(string name, Sequential branch, Sequential? shortcut) : base(name)
    {
        this.branch = branch;
        this.shortcut = shortcut;
        RegisterComponents();
    }

    /// <summary>Output channels of a block with <paramref name="planes"/> planes.</summary>
    public static long OutputChannels(bool bottleneck, long planes) => bottleneck ? planes * 4 : planes;

    public static ResidualBlock Basic(long inChannels, long planes, long stride)
    {
        var branch = nn.Sequential(
            ("conv1", nn.Conv2d(inChannels, planes, 3, stride: stride, padding: 1, bias: false)),
            ("bn1", nn.BatchNorm2d(planes)),
            ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false)),
            ("bn2", nn.BatchNorm2d(planes)));
        return new ResidualBlock("BasicBlock", branch, Shortcut(inChannels, planes, stride));
    }

    public static ResidualBlock Bottleneck(long inChannels, long planes, long stride)
    {
        var output = planes * 4;
        var branch = nn.Sequential(
            ("conv1", nn.Conv2d(inChannels, planes, 1, bias: false)),
            ("bn1", nn.BatchNorm2d(planes)),
            ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false)),
            ("bn2", nn.BatchNorm2d(planes)),
            ("relu2", nn.ReLU()),
            ("conv3", nn.Conv2d(planes, output, 1, bias: false)),
            ("bn3", nn.BatchNorm2d(output)));
        return new ResidualBlock("Bottleneck", branch, Shortcut(inChannels, output, stride));
    }

    private static Sequential? Shortcut(long inChannels, long outChannels, long stride) =>
        stride == 1 && inChannels == outChannels
            ? null
            : nn.Sequential(
                ("conv", nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false)),
                ("bn", nn.BatchNorm2d(outChannels)));

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var identity = shortcut is null ? input : shortcut.call(input);
        return nn.functional.relu(branch.call(input) + identity).MoveToOuterDisposeScope();
    }
}

using MultiLabelContrastive.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// TorchVision's ResNet-18 or ResNet-50 (<c>torchvision.models.resnet18/resnet50</c> of TorchVision 0.107, torchvision
/// layout: stride on the 3 × 3 convolution, "ResNet v1.5") without its classifier <c>fc</c>: the globally average-pooled
/// representation (512 or 2048 features) goes to the projection head and the linear probe.
/// </summary>
/// <remarks>
/// The state dict has torchvision's key names minus <c>fc.*</c> (<c>conv1.weight</c>, <c>bn1.running_mean</c>,
/// <c>layer1.0.downsample.0.weight</c>, …), so torchvision weights load one to one (<see cref="ResNetWeights"/>).
/// Input: N × 3 × H × W float32, in the ImageNet normalisation when ImageNet weights are used (see
/// <see cref="Data.Images.ImageNetPreprocessing"/>). In evaluation mode the batch norms use their running statistics.
/// The <see cref="ResNetStem.SmallImage"/> variant replaces torchvision's <c>conv1</c> by a 3 × 3 stride-1 convolution
/// and drops the max-pool; everything else is TorchVision's module.
/// </remarks>
public sealed class TorchVisionResNet : Encoder
{
    // Field names are the state-dict prefixes: they must stay torchvision's.
#pragma warning disable IDE1006
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly nn.Module<Tensor, Tensor> relu;
    private readonly nn.Module<Tensor, Tensor>? maxpool;
    private readonly nn.Module<Tensor, Tensor> layer1;
    private readonly nn.Module<Tensor, Tensor> layer2;
    private readonly nn.Module<Tensor, Tensor> layer3;
    private readonly nn.Module<Tensor, Tensor> layer4;
    private readonly nn.Module<Tensor, Tensor> avgpool;
#pragma warning restore IDE1006

    /// <summary>Builds TorchVision's network with fresh weights (torchvision's initialisation from torch's global
    /// generator: Kaiming-normal fan-out convolutions, batch norms weight 1 and bias 0).</summary>
    /// <param name="depth">ResNet-18 or ResNet-50.</param>
    /// <param name="stem">ImageNet stem (224 × 224 inputs) or the small-image stem (32 × 32 inputs).</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown depth or stem.</exception>
    public TorchVisionResNet(ResNetDepth depth, ResNetStem stem = ResNetStem.ImageNet) : base(nameof(TorchVisionResNet))
    {
        if (!Enum.IsDefined(depth)) throw new ArgumentOutOfRangeException(nameof(depth), depth, "Unknown ResNet depth.");
        if (!Enum.IsDefined(stem)) throw new ArgumentOutOfRangeException(nameof(stem), stem, "Unknown ResNet stem.");
        var model = depth == ResNetDepth.ResNet18 ? torchvision.models.resnet18() : torchvision.models.resnet50();
        var children = model.named_children().ToDictionary(c => c.name, c => (nn.Module<Tensor, Tensor>)c.module, StringComparer.Ordinal);
        if (stem == ResNetStem.SmallImage)
        {
            children["conv1"].Dispose();
            children["maxpool"].Dispose();
            conv1 = nn.Conv2d(3, 64, 3, stride: 1, padding: 1, bias: false);
            using (no_grad())
                nn.init.kaiming_normal_(((TorchSharp.Modules.Conv2d)conv1).weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            maxpool = null;
        }
        else
        {
            conv1 = children["conv1"];
            maxpool = children["maxpool"];
        }
        bn1 = children["bn1"];
        relu = children["relu"];
        layer1 = children["layer1"];
        layer2 = children["layer2"];
        layer3 = children["layer3"];
        layer4 = children["layer4"];
        avgpool = children["avgpool"];
        children["fc"].Dispose(); // the classifier is not part of the encoder
        Depth = depth;
        Stem = stem;
        OutputSize = depth == ResNetDepth.ResNet18 ? 512 : 2048;
        RegisterComponents();
    }

    /// <summary>ResNet-18 or ResNet-50.</summary>
    public ResNetDepth Depth { get; }

    /// <summary>The stem.</summary>
    public ResNetStem Stem { get; }

    /// <inheritdoc />
    public override long OutputSize { get; }

    /// <inheritdoc />
    public override InputKind Input => InputKind.Image;

    /// <summary>Maps N × 3 × H × W images to N × <see cref="OutputSize"/> pooled features.</summary>
    /// <param name="input">N × 3 × H × W float32.</param>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = relu.call(bn1.call(conv1.call(input)));
        if (maxpool is not null) x = maxpool.call(x);
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return avgpool.call(x).flatten(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => $"TorchVision {(Depth == ResNetDepth.ResNet18 ? "ResNet-18" : "ResNet-50")}{(Stem == ResNetStem.SmallImage ? " small-image stem" : "")}";
}

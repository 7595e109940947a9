using MultiLabelContrastive.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training.Tests.Encoders;

/// <summary>Output shapes and one gradient step of every encoder and the projection head.</summary>
public class EncoderTests
{
    /// <summary>
    /// One SGD step on a made-up loss must give every trainable parameter a gradient and lower that loss. The loss is
    /// measured in training mode with the same seed before each forward pass, so dropout masks and batch-norm batch
    /// statistics are the same before and after the step.
    /// </summary>
    private static void OneGradientStepLowersTheLoss(nn.Module<Tensor, Tensor> module, Func<Tensor> input)
    {
        manual_seed(1);
        using var scope = NewDisposeScope();
        module.train();
        var optimizer = optim.SGD(module.parameters(), 0.01);
        var x = input();
        var target = randn_like(module.call(x)).detach();
        float Loss() { manual_seed(7); return nn.functional.mse_loss(module.call(x), target).item<float>(); }
        var before = Loss();
        optimizer.zero_grad();
        manual_seed(7);
        nn.functional.mse_loss(module.call(x), target).backward();
        Assert.All(module.parameters().Where(p => p.requires_grad), p => Assert.True(p.grad is not null, "a parameter got no gradient"));
        optimizer.step();
        var after = Loss();
        Assert.True(after < before, $"loss {before} → {after}");
    }

    [Fact]
    public void MlpMapsVectorsToItsLastHiddenSize()
    {
        using var mlp = Mlp.MulSupCon(103);
        using var x = randn(5, 103);
        using var y = mlp.call(x);
        Assert.Equal(new long[] { 5, 256 }, y.shape);
        Assert.Equal(256, mlp.OutputSize);
        Assert.Equal(3, mlp.parameters().Count(p => p.dim() == 2));
        OneGradientStepLowersTheLoss(mlp, () => randn(8, 103));
    }

    [Fact]
    public void MlpRejectsBadSizes()
    {
        Assert.Throws<ArgumentException>("hiddenSizes", () => new Mlp(4, []));
        Assert.Throws<ArgumentOutOfRangeException>("dropout", () => new Mlp(4, [3], 1.0));
        Assert.Throws<ArgumentOutOfRangeException>("inputSize", () => new Mlp(0, [3]));
    }

    [Fact]
    public void ProjectionHeadGivesUnitRows()
    {
        using var head = new ProjectionHead(32, 16);
        using var x = randn(6, 32);
        using var z = head.call(x);
        Assert.Equal(new long[] { 6, 16 }, z.shape);
        using var norms = z.norm(1, keepdim: false);
        Assert.True(norms.allclose(ones(6), rtol: 1e-5, atol: 1e-5));
        OneGradientStepLowersTheLoss(nn.Sequential(("head", head), ("scale", new Scale(3))), () => randn(8, 32));
    }

    [Fact]
    public void TextCnnPoolsEveryWidth()
    {
        using var cnn = new TextCnn(50, 12, [2, 3, 5], 7);
        using var ids = randint(1, 50, [4, 20]);
        using var y = cnn.call(ids);
        Assert.Equal(new long[] { 4, 21 }, y.shape);
        Assert.Equal(21, cnn.OutputSize);
        using var shortRows = randint(1, 50, [3, 2]); // shorter than the widest kernel: padded
        using var ys = cnn.call(shortRows);
        Assert.Equal(new long[] { 3, 21 }, ys.shape);
        OneGradientStepLowersTheLoss(cnn, () => randint(1, 50, [6, 16]));
    }

    [Theory]
    [InlineData(TransformerPooling.Mean, PositionalEncoding.Sinusoidal)]
    [InlineData(TransformerPooling.Cls, PositionalEncoding.Learned)]
    public void TransformerOutputIgnoresPadding(TransformerPooling pooling, PositionalEncoding positions)
    {
        manual_seed(3);
        using var model = new SmallTransformer(40, 24, modelSize: 16, heads: 2, layerCount: 2, feedForwardSize: 32, dropout: 0.1,
            pooling: pooling, positions: positions);
        model.eval();
        using var scope = NewDisposeScope();
        var ids = randint(1, 40, [3, 10]);
        ids[1, TensorIndex.Slice(6, null)] = tensor(0L); // row 1 has 6 tokens then padding
        var y = model.call(ids);
        Assert.Equal(new long[] { 3, 16 }, y.shape);
        Assert.Equal(16, model.OutputSize);
        var padded = nn.functional.pad(ids, [0, 8], value: 0);
        var yPadded = model.call(padded);
        Assert.True(y.allclose(yPadded, rtol: 1e-4, atol: 1e-5), "extra padding changed the output");
        var row1Alone = model.call(ids[TensorIndex.Slice(1, 2), TensorIndex.Slice(0, 6)]);
        Assert.True(y[1].allclose(row1Alone[0], rtol: 1e-4, atol: 1e-5), "a row's padding changed its output");
        Assert.False(y.isnan().any().item<bool>());
        var allPadding = model.call(zeros(2, 5, ScalarType.Int64));
        Assert.False(allPadding.isnan().any().item<bool>());
        Assert.Throws<ArgumentException>("input", () => model.call(randint(1, 40, [1, 25])));
        OneGradientStepLowersTheLoss(model, () => randint(1, 40, [6, 12]));
    }

    [Theory]
    [InlineData(false, true, 8, 32, 64)]   // ResNet-18, small-image stem, width 8 → 64 features
    [InlineData(false, false, 8, 64, 64)]  // ResNet-18, ImageNet stem
    [InlineData(true, true, 4, 32, 128)]   // ResNet-50, width 4 → 128 features
    public void ResNetLayouts(bool fifty, bool smallImages, long width, long side, long features)
    {
        using var net = fifty ? NarrowResNet.ResNet50(smallImages, width) : NarrowResNet.ResNet18(smallImages, width);
        Assert.Equal(features, net.OutputSize);
        using var x = rand(2, 3, side, side);
        using var y = net.call(x);
        Assert.Equal(new long[] { 2, features }, y.shape);
        var convolutions = net.parameters().Count(p => p.dim() == 4);
        Assert.Equal(fifty ? 1 + 16 * 3 + 4 : 1 + 8 * 2 + 3, convolutions); // stem + block convs + projection shortcuts
        OneGradientStepLowersTheLoss(net, () => rand(4, 3, side, side));
    }

    [Fact]
    public void PaperResNetsHaveThePaperFeatureSizes()
    {
        using var r18 = NarrowResNet.ResNet18(smallImages: true);
        using var r50 = NarrowResNet.ResNet50();
        Assert.Equal(512, r18.OutputSize);
        Assert.Equal(2048, r50.OutputSize);
        Assert.Equal(11_173_962 - 5_130, r18.parameters().Sum(p => p.numel()) ); // torchvision resnet18 (CIFAR stem) minus fc
    }

    private sealed class Scale : nn.Module<Tensor, Tensor>
    {
        private readonly double factor;
        public Scale(double factor) : base(nameof(Scale)) { this.factor = factor; RegisterComponents(); }
        public override Tensor forward(Tensor input) => input * factor;
    }
}

using MultiLabelContrastive.Augmentation;
using MultiLabelContrastive.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training.Tests.Augmentation;

/// <summary>Views are deterministic under a seed, differ between the two views, and do what their documentation says.</summary>
public class AugmentationTests
{
    private static Tensor Batch(InputKind kind) => kind switch
    {
        InputKind.Vector => randn(6, 20, generator: new Generator(11)),
        InputKind.Tokens => cat([randint(1, 30, [4, 12], generator: new Generator(11)), zeros(4, 4, ScalarType.Int64)], 1),
        _ => rand(3, 3, 16, 16, generator: new Generator(11)),
    };

    [Theory]
    [InlineData(InputKind.Vector)]
    [InlineData(InputKind.Tokens)]
    [InlineData(InputKind.Image)]
    public void SameSeedSameViewsOtherSeedOtherViews(InputKind kind)
    {
        using var scope = NewDisposeScope();
        var augmentation = ViewAugmentation.For(kind);
        var x = Batch(kind);
        var copy = x.clone();
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        using var g3 = new Generator(6);
        var (a1, b1) = augmentation.TwoViews(x, g1);
        var (a2, b2) = augmentation.TwoViews(x, g2);
        var (a3, _) = augmentation.TwoViews(x, g3);
        Assert.True(a1.Equals(a2) && b1.Equals(b2), "same seed, different views");
        Assert.False(a1.Equals(b1), "the two views are identical");
        Assert.False(a1.Equals(a3), "another seed gave the same view");
        Assert.True(x.Equals(copy), "the input was modified");
        Assert.Equal(x.shape, a1.shape);
        Assert.Equal(x.dtype, a1.dtype);
        // Global torch randomness is not used: reseeding it changes nothing.
        manual_seed(123);
        using var g4 = new Generator(5);
        Assert.True(augmentation.Apply(x, g4).Equals(a1));
    }

    [Fact]
    public void VectorViewsZeroAboutHalfTheFeaturesAndKeepTheRest()
    {
        using var scope = NewDisposeScope();
        var x = randn(200, 50) + 10; // no zeros in the input
        var view = VectorAugmentation.MulSupCon().Apply(x, new Generator(1));
        var zeroed = view.eq(0);
        var fraction = zeroed.to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(fraction, 0.47, 0.53);
        Assert.True(view.masked_select(zeroed.logical_not()).Equals(x.masked_select(zeroed.logical_not())));
        var noisy = new VectorAugmentation(0, 0.5).Apply(x, new Generator(1));
        var std = (noisy - x).std().item<float>();
        Assert.InRange(std, 0.48, 0.52);
    }

    [Fact]
    public void TokenViewsMaskOnlyTokensAndKeepPaddingPadding()
    {
        using var scope = NewDisposeScope();
        var ids = cat([randint(1, 30, [50, 40]), zeros(50, 20, ScalarType.Int64)], 1);
        var view = new TokenAugmentation(0.2, 0.25, maskId: 31).Apply(ids, new Generator(2));
        var masked = view.eq(31);
        Assert.False(masked.narrow(1, 40, 20).any().item<bool>(), "padding was masked");
        Assert.True(view.narrow(1, 40, 20).eq(0).all().item<bool>());
        var changed = view.ne(ids);
        Assert.True(changed.eq(masked).all().item<bool>(), "a token changed to something other than the mask id");
        // Per row: ⌈0.25 · 40⌉ = 10 span positions plus ~20 % of the other 30 positions.
        var perRow = masked.sum(1L).to_type(ScalarType.Float64);
        Assert.True(perRow.ge(10).all().item<bool>());
        Assert.InRange(perRow.mean().item<double>(), 14.0, 22.0);
        Assert.Throws<ArgumentException>("inputs", () => new TokenAugmentation().Apply(randn(2, 3), new Generator(1)));
    }

    [Fact]
    public void ImageViewsStayInRangeAndFullCropWithoutJitterIsIdentityOrMirror()
    {
        using var scope = NewDisposeScope();
        var images = rand(8, 3, 16, 16);
        var view = ImageAugmentation.SimClr().Apply(images, new Generator(3));
        Assert.True(view.ge(0).all().item<bool>() && view.le(1).all().item<bool>());
        var plain = new ImageAugmentation(minScale: 1, maxScale: 1, minRatio: 1, maxRatio: 1, flipProbability: 0, jitterStrength: 0);
        Assert.True(plain.Apply(images, new Generator(3)).allclose(images, rtol: 1e-5, atol: 1e-5));
        var mirror = new ImageAugmentation(minScale: 1, maxScale: 1, minRatio: 1, maxRatio: 1, flipProbability: 1, jitterStrength: 0);
        Assert.True(mirror.Apply(images, new Generator(3)).allclose(images.flip(3), rtol: 1e-5, atol: 1e-5));
        Assert.Throws<ArgumentException>("inputs", () => plain.Apply(rand(2, 1, 8, 8), new Generator(1)));
    }
}

using System.Globalization;
using MultiLabelContrastive.Data.Images;
using static TorchSharp.torch;
using F = TorchSharp.torchvision.transforms.functional;

namespace MultiLabelContrastive.Augmentation;

/// <summary>
/// The two-view recipe of SupCon and MulSupCon for ImageNet-sized images, as torchvision composes it:
/// <c>RandomResizedCrop(224, scale = (0.2, 1))</c>, <c>RandomHorizontalFlip()</c>,
/// <c>RandomApply([ColorJitter(0.4, 0.4, 0.4, 0.1)], p = 0.8)</c>, <c>RandomGrayscale(p = 0.2)</c>, <c>Normalize</c>.
/// The pixel operations are TorchVision's functional transforms (crop, flip, the four jitter adjustments, greyscale) and
/// libtorch's antialiased bilinear interpolation for the resize, as torchvision's tensor resize calls it (TorchVision's
/// .NET <c>resized_crop</c> resizes with nearest neighbours); the random parameters are drawn here, per image, with
/// torchvision's algorithms (crop: up to ten tries of area and log-ratio, then a centre crop; jitter: factors uniform in
/// [0.6, 1.4] and hue in [−0.1, 0.1], applied in a random order).
/// </summary>
/// <remarks>
/// The parameters are drawn here because TorchVision's .NET random transforms draw from an unseeded
/// <c>System.Random</c> (RandomResizedCrop, which also ignores the aspect ratio) or from torch's global generator, once
/// per call rather than once per image. Each image gets its own <see cref="Random"/> whose seed comes from the generator
/// passed to <see cref="Apply"/>, so views are identical for a seed whichever thread makes them.
/// <see cref="Apply"/> reads a batch in the ImageNet normalisation (as <see cref="ImageNetPreprocessing.Evaluation"/>
/// writes it), <see cref="View"/> one decoded image of any size.
/// </remarks>
public sealed class ImageNetViews : ViewAugmentation
{
    /// <summary>Creates the recipe.</summary>
    /// <param name="size">Output side. Range: ≥ 8.</param>
    /// <param name="minScale">Smallest crop area fraction. Range: (0, 1].</param>
    /// <param name="jitterProbability">Probability of the colour jitter. Range: [0, 1].</param>
    /// <param name="grayscaleProbability">Probability of converting to greyscale. Range: [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ImageNetViews(int size = ImageNetPreprocessing.CropSide, double minScale = 0.2, double jitterProbability = 0.8, double grayscaleProbability = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        if (!(minScale > 0 && minScale <= 1)) throw new ArgumentOutOfRangeException(nameof(minScale), minScale, "minScale must lie in (0, 1].");
        CheckProbability(jitterProbability, nameof(jitterProbability));
        CheckProbability(grayscaleProbability, nameof(grayscaleProbability));
        Size = size;
        MinScale = minScale;
        JitterProbability = jitterProbability;
        GrayscaleProbability = grayscaleProbability;
    }

    /// <summary>Output side (224).</summary>
    public int Size { get; }

    /// <summary>Smallest crop area fraction (0.2); the largest is 1 and the aspect ratio lies in [3/4, 4/3].</summary>
    public double MinScale { get; }

    /// <summary>Probability of the colour jitter (0.8) with brightness, contrast and saturation 0.4 and hue 0.1.</summary>
    public double JitterProbability { get; }

    /// <summary>Probability of greyscale (0.2).</summary>
    public double GrayscaleProbability { get; }

    /// <summary>One view of every image of a batch.</summary>
    /// <param name="inputs">N × 3 × H × W in the ImageNet normalisation, any device.</param>
    /// <param name="generator">CPU generator: draws N seeds, one per image.</param>
    /// <returns>N × 3 × <see cref="Size"/> × <see cref="Size"/> float32 in the ImageNet normalisation, on the input's device.</returns>
    public override Tensor Apply(Tensor inputs, Generator generator)
    {
        CheckColourImages(inputs);
        using var scope = NewDisposeScope();
        var seeds = SampleSeeds(inputs.shape[0], generator);
        var images = ImageNetPreprocessing.Denormalize(inputs.cpu().to_type(ScalarType.Float32)).clamp_(0, 1);
        var views = new Tensor[seeds.Length];
        for (var i = 0; i < seeds.Length; i++) views[i] = View(images[i], new Random(seeds[i]));
        return stack(views).to_type(inputs.dtype).to(inputs.device).MoveToOuterDisposeScope();
    }

    /// <summary>Draws one seed per image from the generator (the only use of the generator).</summary>
    /// <param name="count">Images.</param>
    /// <param name="generator">CPU generator.</param>
    public static int[] SampleSeeds(long count, Generator generator)
    {
        using var seeds = randint(int.MaxValue, [count], ScalarType.Int32, generator: generator);
        return seeds.data<int>().ToArray();
    }

    /// <summary>One view of one image.</summary>
    /// <param name="image">3 × H × W uint8, or floating point in [0, 1].</param>
    /// <param name="random">The image's random source.</param>
    /// <returns>3 × <see cref="Size"/> × <see cref="Size"/> float32 in the ImageNet normalisation.</returns>
    public Tensor View(Tensor image, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        using var scope = NewDisposeScope();
        var x = ImageNetPreprocessing.ToUnit(image).unsqueeze(0);          // 1 × 3 × H × W: adjust_hue needs a batch
        var (top, left, height, width) = CropBox((int)x.shape[2], (int)x.shape[3], random);
        // torchvision's resized_crop: the box, then the antialiased bilinear resize (TorchVision's .NET resized_crop
        // resizes with nearest neighbours, and returns a disposed tensor when the box already has the output size).
        x = F.crop(x, top, left, height, width);
        if (height != Size || width != Size) x = ImageNetPreprocessing.Resize(x, Size, Size).clamp_(0, 1);
        if (random.NextDouble() < 0.5) x = F.hflip(x);
        if (random.NextDouble() < JitterProbability) x = Jitter(x, random);
        if (random.NextDouble() < GrayscaleProbability) x = F.rgb_to_grayscale(x, 3);
        return ImageNetPreprocessing.Normalize(x.squeeze(0)).MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's <c>RandomResizedCrop.get_params</c>: ten tries of an area fraction s ~ U(minScale, 1) and
    /// log r ~ U(log 3/4, log 4/3); a box that fits is placed uniformly; otherwise the largest centred box with the
    /// ratio clamped to [3/4, 4/3].</summary>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="random">Random source.</param>
    /// <returns>Top, left, height and width of the box.</returns>
    public (int Top, int Left, int Height, int Width) CropBox(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        const double minRatio = 3.0 / 4, maxRatio = 4.0 / 3;
        double area = (double)height * width;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var target = area * (MinScale + (1 - MinScale) * random.NextDouble());
            var ratio = Math.Exp(Math.Log(minRatio) + (Math.Log(maxRatio) - Math.Log(minRatio)) * random.NextDouble());
            var w = (int)Math.Round(Math.Sqrt(target * ratio));
            var h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height)
                return (random.Next(height - h + 1), random.Next(width - w + 1), h, w);
        }
        var inRatio = (double)width / height;
        var (cw, ch) = inRatio < minRatio ? (width, (int)Math.Round(width / minRatio))
            : inRatio > maxRatio ? ((int)Math.Round(height * maxRatio), height)
            : (width, height);
        return ((height - ch) / 2, (width - cw) / 2, ch, cw);
    }

    private static Tensor Jitter(Tensor x, Random random)
    {
        // torchvision's ColorJitter.get_params: a random order of the four operations, then each factor.
        var order = new[] { 0, 1, 2, 3 };
        random.Shuffle(order);
        var brightness = 0.6 + 0.8 * random.NextDouble();
        var contrast = 0.6 + 0.8 * random.NextDouble();
        var saturation = 0.6 + 0.8 * random.NextDouble();
        var hue = -0.1 + 0.2 * random.NextDouble();
        foreach (var op in order)
        {
            x = op switch
            {
                0 => F.adjust_brightness(x, brightness),
                1 => F.adjust_contrast(x, contrast),
                2 => F.adjust_saturation(x, saturation),
                _ => F.adjust_hue(x, hue),
            };
            x = x.clamp(0, 1);
        }
        return x;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ImageNet views: RandomResizedCrop({Size}, scale [{MinScale}, 1]), flip 0.5, colour jitter (0.4, 0.4, 0.4, 0.1) with probability {JitterProbability}, greyscale {GrayscaleProbability}, ImageNet normalisation");
}

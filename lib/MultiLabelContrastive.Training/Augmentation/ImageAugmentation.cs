using static TorchSharp.torch;

namespace MultiLabelContrastive.Augmentation;

/// <summary>
/// SimCLR-style views of images, applied per sample in one batched pass: random resized crop (area fraction
/// s ~ U(scale), aspect ratio r with log r ~ U(log ratio), resampled bilinearly to the input size), horizontal flip with
/// probability ½, and — with probability <see cref="JitterProbability"/> — colour jitter: brightness x·b, contrast
/// (x − mean gray)·c + mean gray, saturation (x − gray)·s + gray, with b, c, s ~ U(1 − j, 1 + j), then clamped to [0, 1].
/// </summary>
/// <remarks>
/// Input: N × 3 × H × W floating point in [0, 1]. Crops whose side would exceed the image are clamped to it (torchvision
/// retries instead). Hue jitter is not applied. Gray = 0.299 R + 0.587 G + 0.114 B.
/// </remarks>
public sealed class ImageAugmentation : ViewAugmentation
{
    /// <summary>Creates an image augmentation.</summary>
    /// <param name="minScale">Smallest crop area fraction. Range: (0, 1].</param>
    /// <param name="maxScale">Largest crop area fraction. Range: [<paramref name="minScale"/>, 1].</param>
    /// <param name="minRatio">Smallest aspect ratio w/h. Range: &gt; 0.</param>
    /// <param name="maxRatio">Largest aspect ratio. Range: ≥ <paramref name="minRatio"/>.</param>
    /// <param name="flipProbability">Probability of a horizontal flip. Range: [0, 1].</param>
    /// <param name="jitterStrength">j of brightness, contrast and saturation. Range: [0, 1].</param>
    /// <param name="jitterProbability">Probability of applying the jitter. Range: [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ImageAugmentation(double minScale = 0.2, double maxScale = 1.0, double minRatio = 3.0 / 4, double maxRatio = 4.0 / 3,
        double flipProbability = 0.5, double jitterStrength = 0.4, double jitterProbability = 0.8)
    {
        if (!(minScale > 0 && minScale <= 1)) throw new ArgumentOutOfRangeException(nameof(minScale), minScale, "minScale must lie in (0, 1].");
        if (!(maxScale >= minScale && maxScale <= 1)) throw new ArgumentOutOfRangeException(nameof(maxScale), maxScale, "maxScale must lie in [minScale, 1].");
        if (!(minRatio > 0 && double.IsFinite(minRatio))) throw new ArgumentOutOfRangeException(nameof(minRatio), minRatio, "minRatio must be positive.");
        if (!(maxRatio >= minRatio && double.IsFinite(maxRatio))) throw new ArgumentOutOfRangeException(nameof(maxRatio), maxRatio, "maxRatio must be ≥ minRatio.");
        CheckProbability(flipProbability, nameof(flipProbability));
        CheckProbability(jitterStrength, nameof(jitterStrength));
        CheckProbability(jitterProbability, nameof(jitterProbability));
        MinScale = minScale;
        MaxScale = maxScale;
        MinRatio = minRatio;
        MaxRatio = maxRatio;
        FlipProbability = flipProbability;
        JitterStrength = jitterStrength;
        JitterProbability = jitterProbability;
    }

    /// <summary>SimCLR/SupCon defaults: crop scale [0.2, 1], ratio [3/4, 4/3], flip ½, jitter 0.4 with probability 0.8.</summary>
    public static ImageAugmentation SimClr() => new();

    /// <summary>Smallest crop area fraction.</summary>
    public double MinScale { get; }

    /// <summary>Largest crop area fraction.</summary>
    public double MaxScale { get; }

    /// <summary>Smallest aspect ratio.</summary>
    public double MinRatio { get; }

    /// <summary>Largest aspect ratio.</summary>
    public double MaxRatio { get; }

    /// <summary>Probability of a horizontal flip.</summary>
    public double FlipProbability { get; }

    /// <summary>Jitter strength j.</summary>
    public double JitterStrength { get; }

    /// <summary>Probability of applying the colour jitter.</summary>
    public double JitterProbability { get; }

    /// <summary>One view of N × 3 × H × W images.</summary>
    /// <param name="inputs">N × 3 × H × W floating point in [0, 1], any device.</param>
    /// <param name="generator">CPU generator: draws one N × 9 uniform matrix whose columns give scale, ratio, centre x,
    /// centre y, flip, jitter on/off and the three jitter factors.</param>
    public override Tensor Apply(Tensor inputs, Generator generator)
    {
        CheckColourImages(inputs);
        using var scope = NewDisposeScope();
        var n = inputs.shape[0];
        var u = rand(n, 9, ScalarType.Float64, generator: generator);
        var column = (int i) => u.select(1, i);

        // Random resized crop as an affine sampling grid in normalised coordinates [-1, 1].
        var scale = MinScale + (MaxScale - MinScale) * column(0);
        var ratio = (Math.Log(MinRatio) + (Math.Log(MaxRatio) - Math.Log(MinRatio)) * column(1)).exp();
        var width = (scale * ratio).sqrt().clamp_max(1.0);      // crop width / image width
        var height = (scale / ratio).sqrt().clamp_max(1.0);     // crop height / image height
        var centreX = (column(2) * 2 - 1) * (1 - width);
        var centreY = (column(3) * 2 - 1) * (1 - height);
        var flip = column(4).lt(FlipProbability).to_type(ScalarType.Float64) * -2 + 1; // −1 flips
        var zero = zeros_like(width);
        var theta = stack([
            stack([width * flip, zero, centreX], 1),
            stack([zero, height, centreY], 1),
        ], 1).to_type(inputs.dtype).to(inputs.device);          // N × 2 × 3
        var grid = nn.functional.affine_grid(theta, inputs.shape, align_corners: false);
        var view = nn.functional.grid_sample(inputs, grid, align_corners: false);

        // Colour jitter (per sample, on with probability JitterProbability).
        var on = column(5).lt(JitterProbability).to_type(ScalarType.Float64);
        Tensor Factor(Tensor uniform) => (1 + on * JitterStrength * (uniform * 2 - 1)).to_type(inputs.dtype).to(inputs.device).view(n, 1, 1, 1);
        var brightness = Factor(column(6));
        var contrast = Factor(column(7));
        var saturation = Factor(column(8));
        view = view * brightness;
        var weights = tensor(new[] { 0.299, 0.587, 0.114 }, inputs.dtype, inputs.device).view(1, 3, 1, 1);
        var gray = (view * weights).sum(1L, keepdim: true);
        var meanGray = gray.mean([1L, 2L, 3L], keepdim: true);
        view = (view - meanGray) * contrast + meanGray;
        gray = (view * weights).sum(1L, keepdim: true);
        view = (view - gray) * saturation + gray;
        return view.clamp(0.0, 1.0).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"resized crop scale [{MinScale}, {MaxScale}], ratio [{MinRatio:0.###}, {MaxRatio:0.###}], flip {FlipProbability}, colour jitter {JitterStrength} with probability {JitterProbability}";
}

using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torchvision.transforms.functional;

namespace MultiLabelContrastive.Data.Images;

/// <summary>
/// The evaluation preprocessing of ImageNet-trained ResNets (torchvision's <c>Resize(256)</c>, <c>CenterCrop(224)</c>,
/// <c>ToTensor()</c>, <c>Normalize(mean, std)</c>): TorchVision's centre crop, and the resize as torchvision's tensor
/// resize computes it (<see cref="Resize"/>).
/// </summary>
/// <remarks>Resize(256) scales the shorter side to 256 and the longer side to ⌊256 · long / short⌋, bilinear with
/// antialiasing. Normalisation: x' = (x − mean_c) / std_c per channel with ImageNet's statistics.</remarks>
public static class ImageNetPreprocessing
{
    /// <summary>ImageNet's per-channel mean (R, G, B) of [0, 1] pixels.</summary>
    public static IReadOnlyList<double> Mean { get; } = [0.485, 0.456, 0.406];

    /// <summary>ImageNet's per-channel standard deviation (R, G, B).</summary>
    public static IReadOnlyList<double> Std { get; } = [0.229, 0.224, 0.225];

    /// <summary>The shorter side before the centre crop.</summary>
    public const int ResizeSide = 256;

    /// <summary>The network's input side.</summary>
    public const int CropSide = 224;

    /// <summary>Resize, centre crop and normalise one image.</summary>
    /// <param name="image">3 × H × W, uint8 (0–255) or floating point in [0, 1].</param>
    /// <param name="resizeSide">Shorter side after resizing. Range: ≥ <paramref name="cropSide"/>.</param>
    /// <param name="cropSide">Side of the centre crop. Range: ≥ 1.</param>
    /// <returns>3 × crop × crop float32 in the ImageNet normalisation.</returns>
    /// <exception cref="ArgumentException">Not a 3 × H × W image, or sides out of range.</exception>
    public static Tensor Evaluation(Tensor image, int resizeSide = ResizeSide, int cropSide = CropSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resizeSide, cropSide);
        using var scope = NewDisposeScope();
        return Normalize(ResizeAndCrop(ToUnit(image), resizeSide, cropSide).clamp_(0, 1)).MoveToOuterDisposeScope();
    }

    /// <summary>The geometry of <see cref="Evaluation"/> kept as pixels: resize and centre crop one image to uint8, as
    /// torchvision's <c>Resize(256)</c> and <c>CenterCrop(224)</c> do to a uint8 image (interpolated in floating point,
    /// rounded to the nearest integer, clamped to 0–255) — and as they do to a PIL image, which stays 8-bit until
    /// <c>ToTensor()</c>. Prepared image splits hold these bytes (a quarter of float32's memory); ÷ 255 and
    /// <see cref="Normalize"/> give the network's input, within half a grey level (0.5 / 255 / std) of <see cref="Evaluation"/>.</summary>
    /// <param name="image">3 × H × W, uint8 (0–255) or floating point in [0, 1].</param>
    /// <param name="resizeSide">Shorter side after resizing. Range: ≥ <paramref name="cropSide"/>.</param>
    /// <param name="cropSide">Side of the centre crop. Range: ≥ 1.</param>
    /// <returns>3 × crop × crop uint8.</returns>
    /// <exception cref="ArgumentException">Not a 3 × H × W image, or sides out of range.</exception>
    public static Tensor EvaluationPixels(Tensor image, int resizeSide = ResizeSide, int cropSide = CropSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resizeSide, cropSide);
        using var scope = NewDisposeScope();
        // In the 0–255 scale, so that uint8 input is interpolated from its exact values.
        CheckRgb(image);
        var x = image.dtype == ScalarType.Byte ? image.to_type(ScalarType.Float32) : image.to_type(ScalarType.Float32) * 255.0;
        return ResizeAndCrop(x, resizeSide, cropSide).round_().clamp_(0, 255).to_type(ScalarType.Byte).MoveToOuterDisposeScope();
    }

    // Resize(resizeSide) of the shorter side (the longer one to ⌊resizeSide · long / short⌋), then CenterCrop(cropSide):
    // 3 × H × W floating point in, 3 × crop × crop out, values not clamped.
    private static Tensor ResizeAndCrop(Tensor x, int resizeSide, int cropSide)
    {
        var (h, w) = (x.shape[1], x.shape[2]);
        var (newH, newW) = h <= w ? (resizeSide, (int)(resizeSide * w / h)) : ((int)(resizeSide * h / w), resizeSide);
        return F.center_crop(Resize(x.unsqueeze(0), newH, newW), cropSide, cropSide).squeeze(0);
    }

    /// <summary>torchvision's tensor resize with its defaults (<c>InterpolationMode.BILINEAR</c>, <c>antialias=True</c>):
    /// libtorch's antialiased bilinear interpolation with <c>align_corners=False</c>, given explicitly (TorchVision's
    /// .NET <c>resize</c> leaves it unset, and libtorch then prints a warning for every call).</summary>
    /// <param name="images">N × C × H × W floating point.</param>
    /// <param name="height">Output height. Range: ≥ 1.</param>
    /// <param name="width">Output width. Range: ≥ 1.</param>
    /// <exception cref="ArgumentException">Not a floating-point N × C × H × W batch, or a side below 1.</exception>
    public static Tensor Resize(Tensor images, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || !images.is_floating_point())
            throw new ArgumentException($"Expected N × C × H × W floating-point images, got shape [{string.Join(", ", images.shape)}] {images.dtype}.", nameof(images));
        if (height < 1 || width < 1) throw new ArgumentException($"Output sides must be ≥ 1, got {height} × {width}.");
        return torch.nn.functional.interpolate(images, [height, width], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
    }

    /// <summary>x' = (x − mean) / std per channel.</summary>
    /// <param name="images">3 × H × W or N × 3 × H × W floating point in [0, 1].</param>
    public static Tensor Normalize(Tensor images) => Affine(images, inverse: false);

    /// <summary>The inverse of <see cref="Normalize"/>: x = x' · std + mean.</summary>
    /// <param name="images">3 × H × W or N × 3 × H × W in the ImageNet normalisation.</param>
    public static Tensor Denormalize(Tensor images) => Affine(images, inverse: true);

    /// <summary>An image as float32 in [0, 1]: uint8 is divided by 255, floating point is converted.</summary>
    /// <param name="image">3 × H × W uint8 or floating point.</param>
    /// <exception cref="ArgumentException">Not 3 × H × W.</exception>
    public static Tensor ToUnit(Tensor image)
    {
        CheckRgb(image);
        return image.dtype == ScalarType.Byte ? image.to_type(ScalarType.Float32).div_(255.0) : image.to_type(ScalarType.Float32);
    }

    private static void CheckRgb(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() != 3 || image.shape[0] != 3)
            throw new ArgumentException($"Expected a 3 × H × W RGB image, got shape [{string.Join(", ", image.shape)}].", nameof(image));
    }

    private static Tensor Affine(Tensor images, bool inverse)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() is not (3 or 4) || images.shape[^3] != 3)
            throw new ArgumentException($"Expected 3 × H × W or N × 3 × H × W images, got shape [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        var shape = images.dim() == 3 ? new long[] { 3, 1, 1 } : [1, 3, 1, 1];
        var mean = tensor(Mean.ToArray(), images.dtype, images.device).view(shape);
        var std = tensor(Std.ToArray(), images.dtype, images.device).view(shape);
        return (inverse ? images * std + mean : (images - mean) / std).MoveToOuterDisposeScope();
    }
}

using System.Runtime.InteropServices;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Prepared;

/// <summary>
/// Decodes image files (JPEG, PNG, BMP, GIF, WebP via SkiaSharp) into RGB tensors, and resizes them with torchvision's
/// antialiased bilinear resize (<see cref="Images.ImageNetPreprocessing.Resize"/>). Alpha is dropped without compositing and EXIF orientation is not applied, as in
/// torchvision's <c>PIL.Image.open(p).convert("RGB")</c>.
/// </summary>
public static class ImageFiles
{
    /// <summary>Decodes an image file.</summary>
    /// <param name="path">Image file.</param>
    /// <returns>3 × H × W uint8 (R, G, B planes); the caller disposes it.</returns>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp decodes, or is truncated (the message names it).</exception>
    public static Tensor Decode(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image '{path}' does not exist.", path);
        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="name">Name used in error messages (usually the path).</param>
    /// <returns>3 × H × W uint8.</returns>
    /// <exception cref="InvalidDataException">Not a decodable image, or truncated.</exception>
    public static Tensor Decode(byte[] encoded, string name)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
                          ?? throw new InvalidDataException($"Image '{name}' cannot be decoded: not a JPEG, PNG, BMP, GIF or WebP file ({encoded.Length} bytes).");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (info.Width < 1 || info.Height < 1) throw new InvalidDataException($"Image '{name}' has size {info.Width} × {info.Height}.");
        var pixels = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        if (result != SKCodecResult.Success)
            throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                ? $"Image '{name}' is truncated: its {codec.EncodedFormat} data ends before the last row of its {info.Width} × {info.Height} pixels."
                : $"Image '{name}' cannot be decoded: SkiaSharp reports {result}.");
        using var scope = NewDisposeScope();
        var rgba = tensor(pixels, [info.Height, info.Width, 4]);
        return rgba.narrow(2, 0, 3).permute(2, 0, 1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Reads an image and resizes the whole of it to size × size (torchvision's bilinear resize with
    /// antialiasing, so shrinking averages like a box filter).</summary>
    /// <param name="path">Image file.</param>
    /// <param name="size">Output side S. Range: 1–4096.</param>
    /// <returns>3 × S × S values in [0, 1], channel-major (R plane, G plane, B plane).</returns>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file cannot be decoded (the message names it).</exception>
    public static float[] ReadRgb(string path, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 4096);
        using var scope = NewDisposeScope();
        var image = Decode(path).to_type(ScalarType.Float32).div_(255);
        var resized = Images.ImageNetPreprocessing.Resize(image.unsqueeze(0), size, size);
        return resized.clamp_(0, 1).contiguous().data<float>().ToArray();
    }
}

using StbImageWriteSharp;

namespace MultiLabelContrastive.Data.Tests.Support;

/// <summary>Small PNG files for image fixtures.</summary>
public static class Png
{
    /// <summary>A width × height PNG of one RGB colour.</summary>
    public static byte[] Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++) (pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]) = (r, g, b);
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(pixels, width, height, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }

    /// <summary>A width × height PNG of seeded random RGB pixels (every grey level likely, so resizing and rounding show).</summary>
    public static byte[] Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(pixels, width, height, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }
}

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
}

using SkiaSharp;

namespace MultiLabelContrastive.Training.Tests.Support;

/// <summary>Image files written with SkiaSharp's encoders: smooth seeded gradients plus noise, or one flat colour.</summary>
internal static class TestImages
{
    public static string Write(string path, int width, int height, int seed, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var (a, b, c) = (random.Next(256), random.Next(256), random.Next(256));
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            bitmap.SetPixel(x, y, new SKColor((byte)((a + 255 * x / width) % 256), (byte)((b + 255 * y / height) % 256), (byte)((c + random.Next(40)) % 256)));
        return Encode(bitmap, path, format);
    }

    public static string Flat(string path, int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(colour);
        return Encode(bitmap, path, SKEncodedImageFormat.Png);
    }

    private static string Encode(SKBitmap bitmap, string path, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}

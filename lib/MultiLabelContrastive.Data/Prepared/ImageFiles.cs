using StbImageSharp;

namespace MultiLabelContrastive.Data.Prepared;

/// <summary>Decodes image files (JPEG, PNG, BMP, GIF, TGA via StbImageSharp) into resized RGB planes in [0, 1].</summary>
public static class ImageFiles
{
    /// <summary>Reads an image and resizes the whole of it to size × size (area averaging when shrinking, bilinear when enlarging).</summary>
    /// <param name="path">Image file.</param>
    /// <param name="size">Output side S. Range: 1–4096.</param>
    /// <returns>3 × S × S values in [0, 1], channel-major (R plane, G plane, B plane).</returns>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file cannot be decoded (the message names it).</exception>
    public static float[] ReadRgb(string path, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 4096);
        if (!File.Exists(path)) throw new FileNotFoundException($"Image '{path}' does not exist.", path);
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(File.ReadAllBytes(path), ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Image '{path}' cannot be decoded: {e.Message}", e);
        }
        return Resize(image.Data, image.Width, image.Height, size);
    }

    internal static float[] Resize(byte[] rgb, int width, int height, int size)
    {
        var result = new float[3 * size * size];
        double scaleX = (double)width / size, scaleY = (double)height / size;
        var sum = new double[3];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            double x0 = x * scaleX, x1 = (x + 1) * scaleX, y0 = y * scaleY, y1 = (y + 1) * scaleY;
            Array.Clear(sum);
            if (scaleX <= 1 && scaleY <= 1)
            {
                // Enlarging: bilinear at the output pixel's centre.
                double sx = Math.Clamp((x + 0.5) * scaleX - 0.5, 0, width - 1), sy = Math.Clamp((y + 0.5) * scaleY - 0.5, 0, height - 1);
                int ix = (int)sx, iy = (int)sy, jx = Math.Min(ix + 1, width - 1), jy = Math.Min(iy + 1, height - 1);
                double fx = sx - ix, fy = sy - iy;
                for (var c = 0; c < 3; c++)
                    sum[c] = (1 - fy) * ((1 - fx) * rgb[(iy * width + ix) * 3 + c] + fx * rgb[(iy * width + jx) * 3 + c])
                             + fy * ((1 - fx) * rgb[(jy * width + ix) * 3 + c] + fx * rgb[(jy * width + jx) * 3 + c]);
            }
            else
            {
                // Shrinking: average of the source pixels the output pixel covers, weighted by overlap.
                double total = 0;
                for (var sy = (int)Math.Floor(y0); sy < Math.Min(height, (int)Math.Ceiling(y1)); sy++)
                {
                    var wy = Math.Min(y1, sy + 1) - Math.Max(y0, sy);
                    for (var sx = (int)Math.Floor(x0); sx < Math.Min(width, (int)Math.Ceiling(x1)); sx++)
                    {
                        var w = wy * (Math.Min(x1, sx + 1) - Math.Max(x0, sx));
                        if (w <= 0) continue;
                        total += w;
                        for (var c = 0; c < 3; c++) sum[c] += w * rgb[(sy * width + sx) * 3 + c];
                    }
                }
                for (var c = 0; c < 3; c++) sum[c] /= total;
            }
            for (var c = 0; c < 3; c++) result[c * size * size + y * size + x] = (float)(sum[c] / 255.0);
        }
        return result;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace MultiLabelContrastive.Kernel.Install;

/// <summary>
/// The kernel's logo, drawn in code and written as a PNG (so the repository holds no binary): a rounded purple square
/// with "C#" in white, the way Jupyter launchers show a kernel. Any size from 16 to 512 pixels.
/// </summary>
internal static class LogoImage
{
    // 5×7 glyphs, one string per row, '#' = ink.
    private static readonly string[] GlyphC = [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."];
    private static readonly string[] GlyphSharp = [".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#."];

    private static readonly (byte R, byte G, byte B) Background = (0x68, 0x21, 0x7A);
    private static readonly (byte R, byte G, byte B) Ink = (0xFF, 0xFF, 0xFF);

    /// <summary>The PNG bytes of the logo at <paramref name="size"/>×<paramref name="size"/> pixels (RGBA).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside 16–512.</exception>
    public static byte[] Png(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 512);
        var pixels = new byte[size * size * 4];
        var radius = size / 6.0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (InsideRoundedSquare(x + 0.5, y + 0.5, size, radius))
                {
                    Set(pixels, size, x, y, Background);
                }
            }
        }

        // "C#": two 5-wide glyphs with a 1-cell gap = 11 cells wide, 7 high, centred.
        var cell = Math.Max(1, size * 3 / 4 / 11);
        var left = (size - 11 * cell) / 2;
        var top = (size - 7 * cell) / 2;
        DrawGlyph(pixels, size, GlyphC, left, top, cell);
        DrawGlyph(pixels, size, GlyphSharp, left + 6 * cell, top, cell);
        return Encode(pixels, size);
    }

    private static bool InsideRoundedSquare(double x, double y, int size, double radius)
    {
        var cx = Math.Clamp(x, radius, size - radius);
        var cy = Math.Clamp(y, radius, size - radius);
        return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
    }

    private static void DrawGlyph(byte[] pixels, int size, string[] glyph, int left, int top, int cell)
    {
        for (var row = 0; row < glyph.Length; row++)
        {
            for (var col = 0; col < glyph[row].Length; col++)
            {
                if (glyph[row][col] != '#')
                {
                    continue;
                }

                for (var dy = 0; dy < cell; dy++)
                {
                    for (var dx = 0; dx < cell; dx++)
                    {
                        Set(pixels, size, left + col * cell + dx, top + row * cell + dy, Ink);
                    }
                }
            }
        }
    }

    private static void Set(byte[] pixels, int size, int x, int y, (byte R, byte G, byte B) color)
    {
        var i = (y * size + x) * 4;
        pixels[i] = color.R;
        pixels[i + 1] = color.G;
        pixels[i + 2] = color.B;
        pixels[i + 3] = 0xFF;
    }

    private static byte[] Encode(byte[] rgba, int size)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type RGBA
        Chunk(png, "IHDR", header);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < size; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(rgba, y * size * 4, size * 4);
            }
        }

        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeBytes, data));
        png.Write(word);
    }

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}

using System.Buffers.Binary;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>A PNG image to show: <c>display(PngImage.FromFile("plot.png"))</c> gives an <c>image/png</c> output.
/// A <c>byte[]</c> that starts with the PNG signature is shown the same way.</summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Wraps PNG bytes.</summary>
    /// <param name="bytes">The whole PNG file: signature, IHDR, …</param>
    /// <exception cref="ArgumentException">The bytes do not start with the PNG signature and an IHDR chunk.</exception>
    public PngImage(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!IsPng(bytes))
        {
            throw new ArgumentException($"Not a PNG image: {bytes.Length} bytes without the PNG signature and IHDR chunk.", nameof(bytes));
        }

        Bytes = bytes;
        Width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        Height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
    }

    /// <summary>The PNG file's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Width in pixels, from the IHDR chunk.</summary>
    public int Width { get; }

    /// <summary>Height in pixels, from the IHDR chunk.</summary>
    public int Height { get; }

    /// <summary>Reads a PNG file.</summary>
    /// <param name="path">Path of a <c>.png</c> file.</param>
    public static PngImage FromFile(string path) => new(File.ReadAllBytes(path));

    /// <summary>Whether <paramref name="bytes"/> start with the PNG signature followed by an IHDR chunk.</summary>
    /// <param name="bytes">Candidate bytes.</param>
    public static bool IsPng(byte[] bytes) =>
        bytes.Length >= 24
        && bytes.AsSpan(0, 8).SequenceEqual(Signature)
        && bytes[12] == (byte)'I' && bytes[13] == (byte)'H' && bytes[14] == (byte)'D' && bytes[15] == (byte)'R';

    /// <inheritdoc />
    public override string ToString() => $"PNG image {Width}×{Height}";
}

using System.IO.Compression;
using System.Text;

namespace DataScripts.Common;

/// <summary>Locating and opening raw files (plain or gzip-compressed).</summary>
internal static class RawFiles
{
    /// <summary>The path of <paramref name="name"/> in a folder, accepting <c>name.gz</c> and lower/upper-case variants.</summary>
    public static string Find(string folder, string name)
    {
        if (!Directory.Exists(folder)) throw new DataScriptException($"Folder '{Path.GetFullPath(folder)}' does not exist.");
        var candidates = new[] { name, name + ".gz", name.ToLowerInvariant(), name.ToLowerInvariant() + ".gz", name.ToUpperInvariant(), name.ToUpperInvariant() + ".GZ" };
        foreach (var candidate in candidates.Distinct())
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return Path.GetFullPath(path);
        }
        throw new DataScriptException($"Missing file: expected '{name}' or '{name}.gz' in '{Path.GetFullPath(folder)}'.");
    }

    /// <summary>Checks that a file exists.</summary>
    public static string Require(string path, string what)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new DataScriptException($"Missing file: {what} '{full}' does not exist.");
        return full;
    }

    /// <summary>A UTF-8 reader, decompressing when the name ends with .gz.</summary>
    public static TextReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>All lines of a text file (plain or .gz); a missing final line break is fine.</summary>
    public static List<string> ReadLines(string path)
    {
        using var reader = OpenText(path);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}

using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// Reads a weights file of any <see cref="WeightsFormat"/> into a name → tensor dictionary (CPU tensors, as stored),
/// without touching a model. PyTorch checkpoints that wrap the weights (<c>{"state_dict": …}</c>, <c>{"model": …}</c>)
/// are unwrapped and a DataParallel <c>module.</c> prefix is removed.
/// </summary>
public static class StateDictFile
{
    /// <summary>Tells the format from the first bytes of the file.</summary>
    /// <param name="path">The weights file.</param>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="WeightsFileException">The file is empty, a pre-1.6 PyTorch pickle, or of no known format.</exception>
    public static WeightsFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Weights file '{path}' does not exist.", path);
        Span<byte> head = stackalloc byte[9];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0) throw new WeightsFileException(path, $"Weights file '{path}' is empty.");
        if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) return WeightsFormat.PyTorchZip;
        if (read >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
            throw new WeightsFileException(path,
                $"'{path}' is a PyTorch file in the legacy (pre-1.6, non-zip) serialisation, which PyBridge does not read. " +
                "Re-save it in Python: torch.save(torch.load(p), p2) writes the zip format.");
        if (read == 9 && head[8] == (byte)'{' && BitConverter.ToUInt64(head[..8]) is > 1 and < 100_000_000) return WeightsFormat.Safetensors;
        return WeightsFormat.TorchSharp;
    }

    /// <summary>Reads every tensor of the file.</summary>
    /// <param name="path">The weights file.</param>
    /// <returns>The tensors by name; the caller disposes them.</returns>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="WeightsFileException">The file is truncated, malformed or holds no tensors (the message names the
    /// file and its format).</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        var format = Detect(path);
        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = format switch
            {
                WeightsFormat.PyTorchZip => FromPickle(PyTorchUnpickler.UnpickleStateDict(path)),
                WeightsFormat.Safetensors => Safetensors.LoadStateDict(path),
                _ => ReadTorchSharp(path),
            };
        }
        catch (Exception e) when (e is not (WeightsFileException or OutOfMemoryException))
        {
            throw new WeightsFileException(path, $"'{path}' cannot be read as {Describe(format)}: {e.Message} (a truncated or corrupted file?)", e);
        }
        if (tensors.Count == 0) throw new WeightsFileException(path, $"'{path}' ({Describe(format)}) holds no tensors.");
        return StripPrefix(tensors, "module.");
    }

    /// <summary>The format in words, for messages.</summary>
    /// <param name="format">A format.</param>
    public static string Describe(WeightsFormat format) => format switch
    {
        WeightsFormat.PyTorchZip => "a PyTorch zip file",
        WeightsFormat.Safetensors => "a safetensors file",
        _ => "a TorchSharp weights file",
    };

    private static Dictionary<string, Tensor> FromPickle(Hashtable table)
    {
        // Checkpoints often wrap the weights: {"state_dict": {...}, "epoch": ...} or {"model": {...}}.
        foreach (var wrapper in new[] { "state_dict", "model", "module" })
            if (table[wrapper] is Hashtable inner && !table.Values.OfType<Tensor>().Any()) return FromPickle(inner);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
            if (entry.Key is string key && entry.Value is Tensor tensor) result[key] = tensor;
        return result;
    }

    private static Dictionary<string, Tensor> StripPrefix(Dictionary<string, Tensor> tensors, string prefix)
    {
        if (!tensors.Keys.All(k => k.StartsWith(prefix, StringComparison.Ordinal))) return tensors;
        return tensors.ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
    }

    // TorchSharp's module.save format: a LEB128 entry count, then per entry a BinaryWriter string and a tensor as
    // Tensor.Save writes it. TorchSharp only reads it into an existing module, so the entries are read here.
    private static Dictionary<string, Tensor> ReadTorchSharp(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var count = ReadLeb128(reader);
        if (count is < 1 or > 1_000_000) throw new InvalidDataException($"entry count {count} is implausible (not a weights file?)");
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                result[key] = TensorExtensionMethods.Load(reader);
            }
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        if (stream.Position != stream.Length)
            throw new InvalidDataException($"{stream.Length - stream.Position} bytes follow the last of its {count} entries");
        return result;
    }

    private static long ReadLeb128(BinaryReader reader)
    {
        long value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("malformed entry count");
    }
}

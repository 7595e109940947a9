using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// Reads and checks the header of a <c>.safetensors</c> file (an 8-byte little-endian length, then a JSON object
/// name → {dtype, shape, data_offsets}) without reading tensor data, so that every name, shape and byte range of a
/// checkpoint is checked before any weight is copied.
/// </summary>
/// <remarks>PyBridge 1.4.4 reads the tensors (<see cref="TorchSharp.PyBridge.Safetensors.LoadStateDict(string, List{string}?)"/>)
/// but keeps its header reader internal and does not check that the byte ranges lie inside the file; this reader exists
/// only to give a truncated or malformed file a clear error before loading starts.</remarks>
public static class SafetensorsHeader
{
    /// <summary>Headers of every tensor in the file, in file order.</summary>
    /// <param name="file">The <c>.safetensors</c> file.</param>
    /// <exception cref="CheckpointException">Missing, truncated or malformed file.</exception>
    public static IReadOnlyList<TensorHeader> Read(string file)
    {
        if (!File.Exists(file))
            throw new CheckpointException(file, "weight file not found.");
        using var stream = File.OpenRead(file);
        long fileLength = stream.Length;
        Span<byte> lengthBytes = stackalloc byte[8];
        if (fileLength < 8 || stream.Read(lengthBytes) != 8)
            throw new CheckpointException(file, $"truncated safetensors file: {fileLength} bytes, fewer than the 8-byte header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8))
            throw new CheckpointException(file, $"truncated safetensors file: the header claims {headerLength} bytes but only {fileLength - 8} follow.");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        long dataLength = fileLength - 8 - (long)headerLength;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CheckpointException(file, $"malformed safetensors header JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(file, "malformed safetensors header: not a JSON object.");
            var headers = new List<TensorHeader>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                    continue;
                headers.Add(ReadEntry(file, entry, dataLength));
            }
            return headers;
        }
    }

    /// <summary>The element type a safetensors dtype string names.</summary>
    /// <param name="dtype">e.g. "F32", "BF16".</param>
    /// <returns>Null when the dtype is not one torch holds.</returns>
    public static ScalarType? ScalarTypeOf(string dtype) => dtype switch
    {
        "F64" => ScalarType.Float64,
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => null,
    };

    /// <summary>Bytes per element of a scalar type.</summary>
    /// <param name="type">The element type.</param>
    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No safetensors element size for this type."),
    };

    private static TensorHeader ReadEntry(string file, JsonProperty entry, long dataLength)
    {
        string name = entry.Name;
        try
        {
            var value = entry.Value;
            string dtypeText = value.GetProperty("dtype").GetString() ?? "";
            var dtype = ScalarTypeOf(dtypeText)
                ?? throw new CheckpointException(file, $"tensor '{name}' has unsupported dtype '{dtypeText}'.");
            var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                throw new CheckpointException(file, $"tensor '{name}' has malformed data_offsets [{string.Join(", ", offsets)}].");
            if (shape.Any(d => d < 0))
                throw new CheckpointException(file, $"tensor '{name}' has a negative dimension in shape [{string.Join(", ", shape)}].");
            long expectedBytes = shape.Aggregate(1L, (a, d) => a * d) * ElementSize(dtype);
            if (offsets[1] - offsets[0] != expectedBytes)
                throw new CheckpointException(file, $"tensor '{name}' ({dtypeText} [{string.Join(", ", shape)}]) needs {expectedBytes} bytes but its data_offsets span {offsets[1] - offsets[0]}.");
            if (offsets[1] > dataLength)
                throw new CheckpointException(file, $"truncated safetensors file: tensor '{name}' ends at byte {offsets[1]} of the data section, which holds only {dataLength} bytes.");
            return new TensorHeader(name, dtype, shape, file);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(file, $"malformed safetensors header entry for tensor '{name}': {e.Message}", e);
        }
    }
}

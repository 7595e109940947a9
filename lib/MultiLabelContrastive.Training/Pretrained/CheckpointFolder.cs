using System.Text.Json;

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// A model folder as the Hugging Face hub ships it: <c>config.json</c> plus the weights in one of the published layouts,
/// checked in this order: <c>model.safetensors</c>; <c>model.safetensors.index.json</c> with its shards;
/// <c>pytorch_model.bin</c>; <c>pytorch_model.bin.index.json</c> with its shards. Opening reads only the config and the
/// index: tensors are read by <see cref="CheckpointLoader"/>. Whether the <c>model_type</c> fits is for the architecture
/// that reads the folder to check (<see cref="CheckpointConfig.RequireModelType"/>).
/// </summary>
/// <example><code>
/// var folder = CheckpointFolder.Open("/models/roberta-base");
/// Console.WriteLine($"{folder.Config.ModelType}: {folder.WeightFiles.Count} weight file(s), {folder.Format}");
/// </code></example>
public sealed class CheckpointFolder
{
    /// <summary>Single-file safetensors weights.</summary>
    public const string SafetensorsFile = "model.safetensors";

    /// <summary>Index of sharded safetensors weights.</summary>
    public const string SafetensorsIndexFile = "model.safetensors.index.json";

    /// <summary>Single-file PyTorch weights.</summary>
    public const string PyTorchFile = "pytorch_model.bin";

    /// <summary>Index of sharded PyTorch weights.</summary>
    public const string PyTorchIndexFile = "pytorch_model.bin.index.json";

    private CheckpointFolder(string path, CheckpointConfig config, WeightFormat format, IReadOnlyList<string> weightFiles,
        string? indexFile, IReadOnlyDictionary<string, string>? weightMap)
    {
        Path = path;
        Config = config;
        Format = format;
        WeightFiles = weightFiles;
        IndexFile = indexFile;
        WeightMap = weightMap;
    }

    /// <summary>The folder (full path).</summary>
    public string Path { get; }

    /// <summary>The folder's <c>config.json</c>.</summary>
    public CheckpointConfig Config { get; }

    /// <summary>How the tensors are stored.</summary>
    public WeightFormat Format { get; }

    /// <summary>Full paths of the weight files, in load order (one, or the shards of the index).</summary>
    public IReadOnlyList<string> WeightFiles { get; }

    /// <summary>The shard index file, when the weights are sharded.</summary>
    public string? IndexFile { get; }

    /// <summary>The index's <c>weight_map</c> (published key → full shard path), when the weights are sharded.</summary>
    public IReadOnlyDictionary<string, string>? WeightMap { get; }

    /// <summary>Opens a checkpoint folder: checks that it exists, parses <c>config.json</c>, finds the weights and, for
    /// sharded weights, checks that every shard the index names exists.</summary>
    /// <param name="path">The folder.</param>
    /// <exception cref="CheckpointException">Missing folder, config, weights or shard; malformed config or index.</exception>
    public static CheckpointFolder Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new CheckpointException(full, "checkpoint folder not found.");
        var config = CheckpointConfig.Read(System.IO.Path.Combine(full, "config.json"));

        string In(string name) => System.IO.Path.Combine(full, name);
        if (File.Exists(In(SafetensorsFile)))
            return new(full, config, WeightFormat.Safetensors, [In(SafetensorsFile)], null, null);
        if (File.Exists(In(SafetensorsIndexFile)))
            return Sharded(full, config, WeightFormat.Safetensors, In(SafetensorsIndexFile));
        if (File.Exists(In(PyTorchFile)))
            return new(full, config, WeightFormat.PyTorchPickle, [In(PyTorchFile)], null, null);
        if (File.Exists(In(PyTorchIndexFile)))
            return Sharded(full, config, WeightFormat.PyTorchPickle, In(PyTorchIndexFile));
        throw new CheckpointException(full,
            $"no weights found: expected {SafetensorsFile}, {SafetensorsIndexFile} (with its shards), {PyTorchFile} or {PyTorchIndexFile}.");
    }

    /// <summary>Full path of a file of the folder, or null when it is absent (tokenizer files, for instance).</summary>
    /// <param name="name">File name relative to the folder, e.g. "vocab.txt" or "original/tokenizer.model".</param>
    public string? FindFile(string name)
    {
        string file = System.IO.Path.Combine(Path, name);
        return File.Exists(file) ? file : null;
    }

    /// <summary>Full path of a file the caller needs from the folder.</summary>
    /// <param name="name">File name relative to the folder.</param>
    /// <param name="purpose">What it is for, for the message (e.g. "the BERT tokenizer's vocabulary").</param>
    /// <exception cref="CheckpointException">The file is absent.</exception>
    public string RequireFile(string name, string purpose) =>
        FindFile(name) ?? throw new CheckpointException(System.IO.Path.Combine(Path, name), $"not found; {purpose} reads it.");

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Config.ModelType}, {WeightFiles.Count} {Format} file(s))";

    private static CheckpointFolder Sharded(string folder, CheckpointConfig config, WeightFormat format, string indexFile)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(indexFile));
            if (!document.RootElement.TryGetProperty("weight_map", out var weightMap) || weightMap.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(indexFile, "malformed shard index: no 'weight_map' object.");
            foreach (var entry in weightMap.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String)
                    throw new CheckpointException(indexFile, $"malformed shard index: weight_map['{entry.Name}'] is not a file name.");
                map[entry.Name] = System.IO.Path.Combine(folder, entry.Value.GetString()!);
            }
        }
        catch (JsonException e)
        {
            throw new CheckpointException(indexFile, $"malformed JSON: {e.Message}", e);
        }

        if (map.Count == 0)
            throw new CheckpointException(indexFile, "malformed shard index: 'weight_map' is empty.");
        var shards = map.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = shards.Where(s => !File.Exists(s)).ToList();
        if (missing.Count > 0)
            throw new CheckpointException(missing[0],
                $"missing shard: {indexFile} lists {string.Join(", ", missing.Select(System.IO.Path.GetFileName))} " +
                $"(for {map.Count(kv => missing.Contains(kv.Value))} keys, e.g. '{map.First(kv => missing.Contains(kv.Value)).Key}') but the file is not in the folder.");
        return new(folder, config, format, shards, indexFile, map);
    }
}

using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// Loads published checkpoint weights into a TorchSharp module, strictly: each published key is mapped to a module
/// state-dict key (or ignored), and a missing key, an unexpected key, a duplicate, a shape mismatch or a non-float tensor
/// for a float weight is an error that names the file and the keys. Everything is checked from the files' headers
/// before the first weight is written, so a checkpoint that does not fit leaves the module as it was. Tensors are then
/// read one weight file (shard) at a time, converted to the requested dtype and copied into the module, so at most one
/// shard is held beside the model.
/// </summary>
/// <remarks>Safetensors headers are checked without reading data (<see cref="SafetensorsHeader"/>); PyTorch zip pickles
/// have no separate header, so a sharded <c>pytorch_model.bin</c> is read twice (names and shapes first, then weights),
/// still one shard at a time. Tensor data is read by TorchSharp.PyBridge.</remarks>
/// <example><code>
/// var folder = CheckpointFolder.Open("/models/roberta-base");
/// CheckpointLoader.Load(model, folder, KeyMapping.Chain(KeyMapping.Ignore("lm_head."), KeyMapping.StripPrefix("roberta.")), ScalarType.Float32);
/// </code></example>
public static class CheckpointLoader
{
    private const int KeysShown = 12;

    /// <summary>Loads a checkpoint folder's weights into the module.</summary>
    /// <param name="module">The module; its floating parameters and buffers end in <paramref name="dtype"/>.</param>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="mapKey">Published key → module state-dict key; null ignores the key.</param>
    /// <param name="dtype">Floating type of the loaded module (F32/F16/BF16 checkpoints are converted to it).</param>
    /// <param name="mayBeMissing">Module keys that the checkpoint need not hold (null: every module key must be loaded).</param>
    /// <returns>What was loaded and ignored.</returns>
    /// <exception cref="CheckpointException">The checkpoint does not fit the module; the module is unchanged.</exception>
    public static CheckpointLoadReport Load(nn.Module module, CheckpointFolder folder, Func<string, string?> mapKey, ScalarType dtype,
        Func<string, bool>? mayBeMissing = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Load(module, folder.WeightFiles, mapKey, dtype, mayBeMissing, folder.WeightMap, folder.IndexFile);
    }

    /// <summary>Loads weight files (<c>.safetensors</c> or PyTorch zip pickles, told apart by their first bytes) into the
    /// module, e.g. a PEFT <c>adapter_model.safetensors</c>.</summary>
    /// <param name="module">The module; its floating parameters and buffers end in <paramref name="dtype"/>.</param>
    /// <param name="weightFiles">The files, read in this order.</param>
    /// <param name="mapKey">Published key → module state-dict key; null ignores the key.</param>
    /// <param name="dtype">Floating type of the loaded module.</param>
    /// <param name="mayBeMissing">Module keys that the files need not hold (null: every module key must be loaded).</param>
    /// <returns>What was loaded and ignored.</returns>
    /// <exception cref="CheckpointException">The files do not fit the module; the module is unchanged.</exception>
    public static CheckpointLoadReport Load(nn.Module module, IReadOnlyList<string> weightFiles, Func<string, string?> mapKey, ScalarType dtype,
        Func<string, bool>? mayBeMissing = null) =>
        Load(module, weightFiles, mapKey, dtype, mayBeMissing, null, null);

    /// <summary>Every tensor header of the files, without reading tensor data from safetensors files.</summary>
    /// <param name="weightFiles">The weight files.</param>
    /// <exception cref="CheckpointException">A file is missing, truncated or malformed, or two files hold the same key.</exception>
    public static IReadOnlyList<TensorHeader> ReadHeaders(IReadOnlyList<string> weightFiles)
    {
        var headers = new List<TensorHeader>();
        foreach (var file in weightFiles)
        {
            if (IsSafetensors(file))
            {
                headers.AddRange(SafetensorsHeader.Read(file));
                continue;
            }
            using var scope = NewDisposeScope();
            headers.AddRange(ReadPickle(file).Select(kv => new TensorHeader(kv.Key, kv.Value.dtype, kv.Value.shape, file)));
        }
        var duplicate = headers.GroupBy(h => h.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CheckpointException(duplicate.Last().File, $"key '{duplicate.Key}' is stored twice (also in {duplicate.First().File}).");
        return headers;
    }

    private static CheckpointLoadReport Load(nn.Module module, IReadOnlyList<string> weightFiles, Func<string, string?> mapKey, ScalarType dtype,
        Func<string, bool>? mayBeMissing, IReadOnlyDictionary<string, string>? weightMap, string? indexFile)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(weightFiles);
        ArgumentNullException.ThrowIfNull(mapKey);
        if (weightFiles.Count == 0)
            throw new ArgumentException("No weight files given.", nameof(weightFiles));
        if (!is_floating_point(empty(0, dtype)))
            throw new ArgumentException($"dtype must be a floating type, not {dtype}.", nameof(dtype));

        var headers = ReadHeaders(weightFiles);
        if (weightMap is not null)
            CheckIndex(headers, weightMap, indexFile!);
        var plan = Plan(module, headers, mapKey, mayBeMissing ?? (_ => false), weightFiles);

        // Every check passed: from here on only reading and copying happen.
        module.to(dtype);
        var targets = module.state_dict();
        long bytes = 0;
        using (no_grad())
        {
            foreach (var file in weightFiles)
            {
                var wanted = plan.Sources.Where(s => s.Header.File == file).ToList();
                if (wanted.Count == 0)
                    continue;
                using var scope = NewDisposeScope();
                var tensors = IsSafetensors(file)
                    ? Safetensors.LoadStateDict(file, wanted.Select(s => s.Header.Name).ToList())
                    : ReadPickle(file);
                foreach (var source in wanted)
                {
                    var tensor = tensors[source.Header.Name];
                    targets[source.Target].copy_(tensor);
                    bytes += tensor.NumberOfElements * tensor.ElementSize;
                }
            }
        }
        return new CheckpointLoadReport(plan.Sources.Select(s => s.Target).ToList(), plan.Ignored, plan.Allowed, weightFiles.ToList(), bytes);
    }

    private sealed record Source(TensorHeader Header, string Target);

    private sealed record LoadPlan(IReadOnlyList<Source> Sources, IReadOnlyList<string> Ignored, IReadOnlyList<string> Allowed);

    private static LoadPlan Plan(nn.Module module, IReadOnlyList<TensorHeader> headers, Func<string, string?> mapKey,
        Func<string, bool> mayBeMissing, IReadOnlyList<string> weightFiles)
    {
        var moduleEntries = new Dictionary<string, (long[] Shape, bool Floating)>(StringComparer.Ordinal);
        foreach (var (key, tensor) in module.state_dict())
            moduleEntries[key] = (tensor.shape, tensor.is_floating_point());

        var sources = new List<Source>();
        var ignored = new List<string>();
        var unexpected = new List<TensorHeader>();
        var problems = new List<(string File, string Text)>();
        var claimed = new Dictionary<string, TensorHeader>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            string? target = mapKey(header.Name);
            if (target is null)
            {
                ignored.Add(header.Name);
                continue;
            }
            if (!moduleEntries.TryGetValue(target, out var entry))
            {
                unexpected.Add(header);
                continue;
            }
            if (claimed.TryGetValue(target, out var first))
            {
                problems.Add((header.File, $"'{header.Name}' and '{first.Name}' both map to module key '{target}'"));
                continue;
            }
            claimed[target] = header;
            if (!entry.Shape.SequenceEqual(header.Shape))
                problems.Add((header.File, $"shape mismatch for '{header.Name}': checkpoint {header.ShapeText}, module '{target}' [{string.Join(", ", entry.Shape)}]"));
            else if (entry.Floating && !IsFloating(header.DType))
                problems.Add((header.File, $"'{header.Name}' is stored as {header.DType} but module key '{target}' is a floating-point weight"));
            else
                sources.Add(new Source(header, target));
        }

        var missing = moduleEntries.Keys.Where(k => !claimed.ContainsKey(k)).ToList();
        var allowed = missing.Where(mayBeMissing).ToList();
        missing = missing.Except(allowed).ToList();

        var lines = new List<string>();
        if (missing.Count > 0)
            lines.Add($"{missing.Count} module key(s) missing from the checkpoint: {List(missing)}");
        if (unexpected.Count > 0)
            lines.Add($"{unexpected.Count} unexpected checkpoint key(s) the module does not have: " +
                      List(unexpected.Select(h => $"{h.Name} (in {Path.GetFileName(h.File)})").ToList()));
        lines.AddRange(problems.Select(p => $"{p.Text} (in {Path.GetFileName(p.File)})"));
        if (lines.Count > 0)
        {
            string file = unexpected.Count > 0 ? unexpected[0].File : problems.Count > 0 ? problems[0].File : weightFiles[0];
            string where = weightFiles.Count == 1 ? weightFiles[0] : $"{weightFiles.Count} weight files in {Path.GetDirectoryName(weightFiles[0])}";
            throw new CheckpointException(file, $"the checkpoint does not fit the {module.GetName()} module (nothing was loaded; read {where}):\n  " + string.Join("\n  ", lines));
        }
        return new LoadPlan(sources, ignored, allowed);
    }

    private static void CheckIndex(IReadOnlyList<TensorHeader> headers, IReadOnlyDictionary<string, string> weightMap, string indexFile)
    {
        var stored = headers.ToDictionary(h => h.Name, h => h.File, StringComparer.Ordinal);
        foreach (var (key, shard) in weightMap)
        {
            if (!stored.TryGetValue(key, out var actual))
                throw new CheckpointException(shard, $"key '{key}' is listed for this shard by {Path.GetFileName(indexFile)} but the shard does not hold it.");
            if (!string.Equals(actual, shard, StringComparison.Ordinal))
                throw new CheckpointException(indexFile, $"key '{key}' is listed for {Path.GetFileName(shard)} but is stored in {Path.GetFileName(actual)}.");
        }
        var unlisted = headers.FirstOrDefault(h => !weightMap.ContainsKey(h.Name));
        if (unlisted is not null)
            throw new CheckpointException(unlisted.File, $"key '{unlisted.Name}' is stored in this shard but not listed by {Path.GetFileName(indexFile)}.");
    }

    private static Dictionary<string, Tensor> ReadPickle(string file)
    {
        if (!File.Exists(file))
            throw new CheckpointException(file, "weight file not found.");
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(file);
        }
        catch (Exception e) when (e is InvalidDataException or NotImplementedException or EndOfStreamException or IOException or InvalidCastException)
        {
            throw new CheckpointException(file, $"cannot read this PyTorch checkpoint (truncated, corrupt or not a torch.save zip of a state_dict): {e.Message}", e);
        }
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
            if (entry.Value is Tensor tensor)
                result[(string)entry.Key] = tensor;
        return result;
    }

    private static bool IsSafetensors(string file)
    {
        if (file.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!File.Exists(file))
            return false;
        using var stream = File.OpenRead(file);
        Span<byte> head = stackalloc byte[4];
        // A PyTorch zip pickle starts with the zip signature "PK\x03\x04"; anything else is read as safetensors.
        return stream.Read(head) < 4 || !(head[0] == 0x50 && head[1] == 0x4b && head[2] == 0x03 && head[3] == 0x04);
    }

    private static bool IsFloating(ScalarType type) =>
        type is ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float64;

    private static string List(IReadOnlyList<string> keys) =>
        string.Join(", ", keys.Take(KeysShown)) + (keys.Count > KeysShown ? $", … ({keys.Count - KeysShown} more)" : "");
}

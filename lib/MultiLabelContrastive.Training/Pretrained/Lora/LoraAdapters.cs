using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Lora;

/// <summary>
/// LoRA adapters on the linear layers of any TorchSharp model (Llama's q_proj/v_proj, RoBERTa's query/value, …), chosen
/// by module path: attaching freezes every base parameter, so an optimizer over the model trains the adapters only.
/// Adapters load and save in PEFT's format — <c>adapter_config.json</c> and <c>adapter_model.safetensors</c> with keys
/// <c>base_model.model.&lt;path&gt;.lora_A.weight</c> / <c>.lora_B.weight</c> — so an adapter trained here loads with
/// <c>PeftModel.from_pretrained</c> and the other way round.
/// </summary>
/// <remarks>
/// <para>Paths are the model's own state-dict paths plus <see cref="PeftPrefix"/>: a <see cref="Llama.LlamaEncoder"/>'s
/// "model.layers.0.self_attn.q_proj" is already LlamaForCausalLM's path. On loading, a file path also matches a model
/// path that ends with it or that it ends with (an adapter saved on LlamaModel, "layers.0.self_attn.q_proj", loads too).</para>
/// <para>Supported PEFT settings: peft_type LORA, bias "none", fan_in_fan_out false, use_rslora, no DoRA, no rank or alpha
/// patterns, no modules_to_save; anything else is refused by name.</para>
/// </remarks>
public sealed class LoraAdapters
{
    /// <summary>File name of the adapter settings.</summary>
    public const string ConfigFile = "adapter_config.json";

    /// <summary>File name of the adapter weights.</summary>
    public const string WeightsFile = "adapter_model.safetensors";

    private const string KeyPrefix = "base_model.model.";

    private LoraAdapters(IReadOnlyList<LoraLayer> layers, LoraOptions options, string peftPrefix)
    {
        Layers = layers;
        Options = options;
        PeftPrefix = peftPrefix;
    }

    /// <summary>The adapted layers, in model order.</summary>
    public IReadOnlyList<LoraLayer> Layers { get; }

    /// <summary>The settings.</summary>
    public LoraOptions Options { get; }

    /// <summary>Prepended to a model path to form PEFT's path (after <c>base_model.model.</c>), e.g. "roberta." for a model
    /// whose own paths lack RobertaModel's prefix; "" for <see cref="Llama.LlamaEncoder"/>.</summary>
    public string PeftPrefix { get; }

    /// <summary>The trainable parameters: every A and B.</summary>
    public IReadOnlyList<Parameter> Parameters => [.. Layers.SelectMany(l => new[] { l.A.weight!, l.B.weight! })];

    /// <summary>Whether the adapters are folded into the base weights.</summary>
    public bool IsMerged => Layers.Count > 0 && Layers[0].IsMerged;

    /// <summary>Freezes the model and attaches fresh adapters (B = 0, so the model's output is unchanged until trained).</summary>
    /// <param name="model">The model (its base weights already loaded).</param>
    /// <param name="options">Rank, α, dropout, target modules (null: <see cref="LoraOptions.Llama"/>).</param>
    /// <param name="peftPrefix">See <see cref="PeftPrefix"/>.</param>
    /// <exception cref="ArgumentException">No linear layer matches the targets, or the model already has adapters.</exception>
    public static LoraAdapters Attach(nn.Module model, LoraOptions? options = null, string peftPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(peftPrefix);
        options ??= LoraOptions.Llama;
        options.Validate();
        var modules = model.named_modules().ToList();
        if (modules.Any(m => m.name.EndsWith(".lora_A", StringComparison.Ordinal) || m.name == "lora_A"))
            throw new ArgumentException("The model already carries LoRA adapters.", nameof(model));
        var targets = modules.Where(m => m.module is Linear && options.Targets(m.name)).ToList();
        if (targets.Count == 0)
        {
            var linear = modules.Where(m => m.module is Linear).Select(m => m.name).Take(8);
            throw new ArgumentException(
                $"No linear layer matches the LoRA targets {string.Join(", ", options.TargetModules)}; linear layers are e.g. {string.Join(", ", linear)}.", nameof(options));
        }
        foreach (var p in model.parameters()) p.requires_grad = false;
        var layers = targets.Select(t => new LoraLayer(t.name, (Linear)t.module, options)).ToList();
        return new LoraAdapters(layers, options, peftPrefix);
    }

    /// <summary>Attaches the adapter of a PEFT folder: settings from adapter_config.json, weights from adapter_model.safetensors.</summary>
    /// <param name="model">The model (base weights loaded, no adapters yet).</param>
    /// <param name="folder">The adapter folder.</param>
    /// <param name="peftPrefix">See <see cref="PeftPrefix"/>.</param>
    /// <exception cref="CheckpointException">A file is missing, the config is unsupported or malformed, or the weights do not fit; the message names the file and key. Nothing is changed then.</exception>
    public static LoraAdapters Load(nn.Module model, string folder, string peftPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var options = ReadConfig(Path.Combine(folder, ConfigFile));
        var weights = ReadWeights(Path.Combine(folder, WeightsFile));
        try
        {
            // Check everything against the model's layer shapes before touching the model.
            var probe = model.named_modules().Where(m => m.module is Linear && options.Targets(m.name)).Select(m => (m.name, (Linear)m.module)).ToList();
            var plan = Match(probe.Select(p => (p.name, p.Item2.weight!.shape[0], p.Item2.weight!.shape[1])).ToList(), options, weights, Path.Combine(folder, WeightsFile), peftPrefix);
            var adapters = Attach(model, options, peftPrefix);
            using (no_grad())
                foreach (var layer in adapters.Layers)
                {
                    var (a, b) = plan[layer.Path];
                    layer.A.weight!.copy_(a);
                    layer.B.weight!.copy_(b);
                }
            return adapters;
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }

    /// <summary>Folds every adapter into its base weight (for inference); see <see cref="LoraLayer.Merge"/>.</summary>
    public void Merge()
    {
        foreach (var layer in Layers) layer.Merge();
    }

    /// <summary>Undoes <see cref="Merge"/>.</summary>
    public void Unmerge()
    {
        foreach (var layer in Layers) layer.Unmerge();
    }

    /// <summary>Writes the adapter in PEFT's format into <paramref name="folder"/> (created if needed). Both files are
    /// written under temporary names first and then renamed, so a failure leaves no half-written adapter.</summary>
    /// <param name="folder">Target folder.</param>
    /// <param name="baseModelNameOrPath">Recorded as base_model_name_or_path (e.g. "meta-llama/Llama-3.1-8B").</param>
    /// <param name="taskType">PEFT task type recorded in the config.</param>
    public void Save(string folder, string? baseModelNameOrPath = null, string taskType = "FEATURE_EXTRACTION")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var weightsPath = Path.Combine(folder, WeightsFile);
        var configPath = Path.Combine(folder, ConfigFile);
        var temporaryWeights = weightsPath + ".tmp";
        var temporaryConfig = configPath + ".tmp";
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var layer in Layers)
            {
                var key = KeyPrefix + PeftPrefix + layer.Path;
                state[key + ".lora_A.weight"] = layer.A.weight!.detach().cpu().contiguous();
                state[key + ".lora_B.weight"] = layer.B.weight!.detach().cpu().contiguous();
            }
            Safetensors.SaveStateDict(temporaryWeights, state);
            var config = new JsonObject
            {
                ["peft_type"] = "LORA",
                ["task_type"] = taskType,
                ["r"] = Options.Rank,
                ["lora_alpha"] = Options.Alpha,
                ["lora_dropout"] = Options.Dropout,
                ["target_modules"] = Options.TargetPattern is { } pattern
                    ? JsonValue.Create(pattern)
                    : new JsonArray([.. Options.TargetModules.Select(t => (JsonNode)JsonValue.Create(t)!)]),
                ["bias"] = "none",
                ["fan_in_fan_out"] = false,
                ["use_rslora"] = Options.RankStabilized,
                ["use_dora"] = false,
                ["init_lora_weights"] = true,
                ["inference_mode"] = true,
                ["modules_to_save"] = null,
                ["rank_pattern"] = new JsonObject(),
                ["alpha_pattern"] = new JsonObject(),
                ["base_model_name_or_path"] = baseModelNameOrPath,
            };
            File.WriteAllText(temporaryConfig, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temporaryWeights, weightsPath, overwrite: true);
            File.Move(temporaryConfig, configPath, overwrite: true);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
            File.Delete(temporaryWeights);
            File.Delete(temporaryConfig);
        }
    }

    /// <summary>Reads and checks a PEFT adapter_config.json.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="CheckpointException">Missing, malformed or unsupported; the message names the file and the key.</exception>
    public static LoraOptions ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException(path, "adapter config not found: a PEFT adapter folder holds adapter_config.json and adapter_model.safetensors.");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject o) throw new CheckpointException(path, $"does not hold a JSON object.");
        string? Text(string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        bool Flag(string key) => o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        bool NonEmpty(string key) => o[key] switch { null => false, JsonObject x => x.Count > 0, JsonArray a => a.Count > 0, _ => true };

        var type = Text("peft_type");
        if (type != "LORA") throw new CheckpointException(path, $"has peft_type '{type ?? "(none)"}'; only LORA adapters are supported.");
        if ((Text("bias") ?? "none") != "none") throw new CheckpointException(path, $"has bias '{Text("bias")}'; only bias \"none\" is supported.");
        foreach (var unsupported in new[] { "fan_in_fan_out", "use_dora" })
            if (Flag(unsupported)) throw new CheckpointException(path, $"sets {unsupported}, which is not supported.");
        foreach (var unsupported in new[] { "rank_pattern", "alpha_pattern", "modules_to_save", "layers_to_transform" })
            if (NonEmpty(unsupported)) throw new CheckpointException(path, $"sets {unsupported}, which is not supported.");
        if (o["r"] is not JsonValue r || !r.TryGetValue<int>(out var rank)) throw new CheckpointException(path, $"has no integer 'r'.");
        if (o["lora_alpha"] is not JsonValue a || !TryNumber(a, out var alpha)) throw new CheckpointException(path, $"has no number 'lora_alpha'.");
        var dropout = o["lora_dropout"] is JsonValue d && TryNumber(d, out var p) ? p : 0;
        IReadOnlyList<string> targets = o["target_modules"] switch
        {
            JsonArray list => [.. list.Select(n => n?.GetValue<string>() ?? throw new CheckpointException(path, $"target_modules holds a null."))],
            JsonValue single when single.TryGetValue<string>(out _) => ["(pattern)"],
            _ => throw new CheckpointException(path, $"has no target_modules."),
        };
        var options = new LoraOptions
        {
            Rank = rank, Alpha = alpha, Dropout = dropout, TargetModules = targets, RankStabilized = Flag("use_rslora"),
            TargetPattern = o["target_modules"] is JsonValue text && text.TryGetValue<string>(out var pattern) ? pattern : null,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CheckpointException(path, $"{e.Message}", e);
        }
        return options;
    }

    private static bool TryNumber(JsonValue value, out double number)
    {
        if (value.TryGetValue(out number)) return true;
        if (value.TryGetValue<int>(out var i)) { number = i; return true; }
        if (value.TryGetValue<long>(out var l)) { number = l; return true; }
        return false;
    }

    private static Dictionary<string, Tensor> ReadWeights(string path)
    {
        if (!File.Exists(path))
        {
            var bin = Path.ChangeExtension(path, ".bin");
            throw new CheckpointException(path, File.Exists(bin)
                ? $"not found; the folder has the pickled {Path.GetFileName(bin)} instead: save the adapter as {WeightsFile} (PEFT's default since 0.6) to load it here."
                : "adapter weights not found.");
        }
        try
        {
            return Safetensors.LoadStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CheckpointException(path, $"is not a readable safetensors file (truncated or malformed): {e.Message}", e);
        }
    }

    private static Dictionary<string, (Tensor A, Tensor B)> Match(IReadOnlyList<(string Path, long Out, long In)> layers, LoraOptions options,
        Dictionary<string, Tensor> weights, string file, string peftPrefix)
    {
        var byFilePath = new Dictionary<string, (Tensor? A, Tensor? B)>(StringComparer.Ordinal);
        foreach (var (key, value) in weights)
        {
            string? kind = key.EndsWith(".lora_A.weight", StringComparison.Ordinal) ? "A" : key.EndsWith(".lora_B.weight", StringComparison.Ordinal) ? "B" : null;
            if (kind is null || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
                throw new CheckpointException(file, $"has key '{key}', which is not base_model.model.<path>.lora_A.weight / lora_B.weight.");
            var path = key[KeyPrefix.Length..^".lora_A.weight".Length];
            if (peftPrefix.Length > 0 && path.StartsWith(peftPrefix, StringComparison.Ordinal)) path = path[peftPrefix.Length..];
            var entry = byFilePath.GetValueOrDefault(path);
            byFilePath[path] = kind == "A" ? (value, entry.B) : (entry.A, value);
        }
        var plan = new Dictionary<string, (Tensor, Tensor)>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, outSize, inSize) in layers)
        {
            var candidates = byFilePath.Keys.Where(p => p == path || path.EndsWith("." + p, StringComparison.Ordinal) || p.EndsWith("." + path, StringComparison.Ordinal)).ToList();
            if (candidates.Count == 0) throw new CheckpointException(file, $"has no adapter for '{path}' (expected key {KeyPrefix}{peftPrefix}{path}.lora_A.weight).");
            if (candidates.Count > 1) throw new CheckpointException(file, $"keys {string.Join(", ", candidates)} all match '{path}'.");
            var (a, b) = byFilePath[candidates[0]];
            if (a is null || b is null) throw new CheckpointException(file, $"has only one of lora_A / lora_B for '{candidates[0]}'.");
            Expect(a, [options.Rank, inSize], $"{KeyPrefix}{candidates[0]}.lora_A.weight", file);
            Expect(b, [outSize, options.Rank], $"{KeyPrefix}{candidates[0]}.lora_B.weight", file);
            used.Add(candidates[0]);
            plan[path] = (a, b);
        }
        var unexpected = byFilePath.Keys.Where(k => !used.Contains(k)).ToList();
        if (unexpected.Count > 0)
            throw new CheckpointException(file, $"has adapters for modules the model does not target: {string.Join(", ", unexpected.Take(5))}.");
        return plan;
    }

    private static void Expect(Tensor t, long[] shape, string key, string file)
    {
        if (!t.shape.SequenceEqual(shape))
            throw new CheckpointException(file, $"'{key}' has shape [{string.Join(", ", t.shape)}] but the model needs [{string.Join(", ", shape)}].");
        if (!t.is_floating_point()) throw new CheckpointException(file, $"'{key}' is {t.dtype}, not a floating-point tensor.");
    }
}

using System.Text.Json.Nodes;
using MultiLabelContrastive.Pretrained.Llama;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>Small Llama checkpoint folders written by the tests (seeded random weights in the hub's layout).</summary>
internal static class TinyLlama
{
    public static JsonObject Config(long vocabulary = 40, long? padId = null) => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["vocab_size"] = vocabulary,
        ["hidden_size"] = 16,
        ["intermediate_size"] = 24,
        ["num_hidden_layers"] = 2,
        ["num_attention_heads"] = 4,
        ["num_key_value_heads"] = 2,
        ["max_position_embeddings"] = 64,
        ["rms_norm_eps"] = 1e-5,
        ["rope_theta"] = 10000.0,
        ["rope_scaling"] = new JsonObject { ["rope_type"] = "llama3", ["factor"] = 4.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 2.0, ["original_max_position_embeddings"] = 16 },
        ["hidden_act"] = "silu",
        ["bos_token_id"] = 1,
        ["eos_token_id"] = 2,
        ["pad_token_id"] = padId,
        ["torch_dtype"] = "float32",
    };

    /// <summary>Writes config.json and model.safetensors (with lm_head.weight) into a new folder under <paramref name="root"/>.</summary>
    public static string Write(string root, string name = "tiny-llama", int seed = 1, long? padId = 0, JsonObject? config = null)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        config ??= Config(padId: padId);
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        random.manual_seed(seed);
        using var encoder = new LlamaEncoder(LlamaConfig.Parse(System.Text.Json.JsonDocument.Parse(config.ToJsonString()).RootElement, "tiny"));
        using (no_grad())
            foreach (var p in encoder.parameters()) p.normal_(0, 0.3);
        var state = encoder.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        state["lm_head.weight"] = randn(config["vocab_size"]!.GetValue<long>(), 16);
        Safetensors.SaveStateDict(Path.Combine(folder, "model.safetensors"), state);
        foreach (var t in state.Values) t.Dispose();
        return folder;
    }

    /// <summary>Copies a folder (files only, one level of subfolders).</summary>
    public static string Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    /// <summary>Random B × T ids in [3, V) with right padding (pad id) after a per-row length.</summary>
    public static (Tensor Ids, Tensor Mask) Batch(long vocabulary = 40, long padId = 0, int seed = 5)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var ids = randint(3, vocabulary, [3, 9], dtype: ScalarType.Int64, generator: generator);
        var mask = tensor(new long[,] { { 1, 1, 1, 1, 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1, 0, 0, 0, 0 }, { 1, 1, 0, 0, 0, 0, 0, 0, 0 } });
        ids = where(mask.to_type(ScalarType.Bool), ids, full_like(ids, padId));
        return (ids, mask);
    }
}

using System.Text.Json.Nodes;
using MultiLabelContrastive.Pretrained.Llama;
using MultiLabelContrastive.Pretrained.Lora;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>LoRA on a tiny Llama: only adapters train, PEFT files round-trip, merging changes nothing.</summary>
public sealed class LoraTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-lora-").FullName;

    public LoraTests() => set_num_threads(1);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static LoraOptions Small => new() { Rank = 4, Alpha = 8, Dropout = 0 };

    private static void Randomize(LoraAdapters adapters, int seed)
    {
        random.manual_seed(seed);
        using (no_grad())
            foreach (var p in adapters.Parameters) p.normal_(0, 0.2);
    }

    [Fact]
    public void Attaching_freezes_the_base_and_gradients_reach_only_the_adapters()
    {
        using var scope = NewDisposeScope();
        using var encoder = LlamaCheckpoint.Open(TinyLlama.Write(root));
        var adapters = encoder.AttachLora(Small);
        Assert.Equal(["model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj", "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"],
            adapters.Layers.Select(l => l.Path));
        Randomize(adapters, 3);
        encoder.train();
        var (ids, _) = TinyLlama.Batch();
        encoder.call(ids).pow(2).sum().backward();
        var adapterParameters = adapters.Parameters.Select(p => p.Handle).ToHashSet();
        foreach (var (name, p) in encoder.named_parameters())
        {
            var isAdapter = adapterParameters.Contains(p.Handle);
            Assert.Equal(isAdapter, p.requires_grad);
            if (isAdapter)
            {
                Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got no gradient");
            }
            else
            {
                Assert.True(p.grad is null, $"frozen {name} got a gradient");
            }
        }
        Assert.Equal(4 * 2, adapters.Parameters.Count);
    }

    [Fact]
    public void Fresh_adapters_leave_the_output_unchanged_and_merged_equals_unmerged()
    {
        using var scope = NewDisposeScope();
        using var encoder = LlamaCheckpoint.Open(TinyLlama.Write(root));
        encoder.eval();
        var (ids, mask) = TinyLlama.Batch();
        using var noGrad = no_grad();
        var before = encoder.Encode(ids, mask);
        var baseWeight = encoder.state_dict()["model.layers.0.self_attn.q_proj.weight"].clone();
        var adapters = encoder.AttachLora(Small);
        Assert.Equal(0, (encoder.Encode(ids, mask) - before).abs().max().item<float>());

        Randomize(adapters, 4);
        var unmerged = encoder.Encode(ids, mask);
        Assert.True((unmerged - before).abs().max().item<float>() > 1e-2, "trained adapters should change the output");
        adapters.Merge();
        Assert.True(adapters.IsMerged);
        var merged = encoder.Encode(ids, mask);
        Assert.True((merged - unmerged).abs().max().item<float>() <= 1e-5, $"merged vs unmerged {(merged - unmerged).abs().max().item<float>()}");
        var mergedWeight = encoder.state_dict()["model.layers.0.self_attn.q_proj.weight"];
        var layer = adapters.Layers[0];
        var expectedWeight = baseWeight + layer.B.weight!.matmul(layer.A.weight!) * 2.0;
        Assert.True((mergedWeight - expectedWeight).abs().max().item<float>() <= 1e-6);
        adapters.Unmerge();
        Assert.True((encoder.state_dict()["model.layers.0.self_attn.q_proj.weight"] - baseWeight).abs().max().item<float>() <= 1e-6);
        Assert.True((encoder.Encode(ids, mask) - unmerged).abs().max().item<float>() <= 1e-5);
    }

    [Fact]
    public void Peft_save_then_load_round_trips_the_adapter_and_its_output()
    {
        using var scope = NewDisposeScope();
        var checkpoint = TinyLlama.Write(root);
        var saved = Path.Combine(root, "adapter");
        var (ids, mask) = TinyLlama.Batch();
        Tensor expected;
        using (var encoder = LlamaCheckpoint.Open(checkpoint))
        {
            var adapters = encoder.AttachLora(Small with { RankStabilized = false });
            Randomize(adapters, 5);
            encoder.eval();
            using (no_grad()) expected = encoder.Encode(ids, mask);
            adapters.Save(saved, baseModelNameOrPath: "tiny-llama");
        }

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(saved, LoraAdapters.ConfigFile)))!;
        Assert.Equal("LORA", config["peft_type"]!.GetValue<string>());
        Assert.Equal(4, config["r"]!.GetValue<int>());
        Assert.Equal(8, config["lora_alpha"]!.GetValue<double>());
        Assert.Equal(["q_proj", "v_proj"], config["target_modules"]!.AsArray().Select(n => n!.GetValue<string>()));
        var keys = Safetensors.LoadStateDict(Path.Combine(saved, LoraAdapters.WeightsFile)).Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", keys);
        Assert.Contains("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight", keys);
        Assert.Equal(8, keys.Count);
        Assert.Empty(Directory.GetFiles(saved, "*.tmp"));

        using var reloaded = LlamaCheckpoint.Open(checkpoint, saved);
        reloaded.eval();
        using var noGrad = no_grad();
        Assert.Equal(0, (reloaded.Encode(ids, mask) - expected).abs().max().item<float>());
    }

    [Fact]
    public void Golden_peft_adapter_saved_again_holds_the_same_tensors_and_config()
    {
        var golden = LlamaGoldenCase.All().First(c => c.Adapter is not null);
        using var scope = NewDisposeScope();
        using var encoder = LlamaCheckpoint.Open(golden.Checkpoint, golden.Adapter!);
        var saved = Path.Combine(root, "again");
        encoder.Adapters!.Save(saved);
        var original = Safetensors.LoadStateDict(Path.Combine(golden.Adapter!, LoraAdapters.WeightsFile));
        var written = Safetensors.LoadStateDict(Path.Combine(saved, LoraAdapters.WeightsFile));
        Assert.Equal(original.Keys.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in original) Assert.True(value.equal(written[key]).all().item<bool>(), key);
        var options = LoraAdapters.ReadConfig(Path.Combine(saved, LoraAdapters.ConfigFile));
        var published = LoraAdapters.ReadConfig(Path.Combine(golden.Adapter!, LoraAdapters.ConfigFile));
        Assert.Equal((published.Rank, published.Alpha, published.Dropout, published.RankStabilized), (options.Rank, options.Alpha, options.Dropout, options.RankStabilized));
        Assert.Equal(published.TargetModules, options.TargetModules);
    }

    [Fact]
    public void Generic_targets_select_any_linear_layers_by_path()
    {
        using var scope = NewDisposeScope();
        using var encoder = LlamaCheckpoint.Open(TinyLlama.Write(root));
        var adapters = LoraAdapters.Attach(encoder, Small with { TargetModules = ["down_proj", "layers.1.self_attn.o_proj"] });
        Assert.Equal(["model.layers.0.mlp.down_proj", "model.layers.1.mlp.down_proj", "model.layers.1.self_attn.o_proj"],
            adapters.Layers.Select(l => l.Path).Order(StringComparer.Ordinal));
        using var other = LlamaCheckpoint.Open(TinyLlama.Write(root, "other"));
        var pattern = LoraAdapters.Attach(other, Small with { TargetPattern = @"model\.layers\.0\.self_attn\.(k|v)_proj" });
        Assert.Equal(["model.layers.0.self_attn.k_proj", "model.layers.0.self_attn.v_proj"], pattern.Layers.Select(l => l.Path).Order(StringComparer.Ordinal));
        using var third = LlamaCheckpoint.Open(TinyLlama.Write(root, "third"));
        var error = Assert.Throws<ArgumentException>(() => LoraAdapters.Attach(third, Small with { TargetModules = ["query"] }));
        Assert.Contains("query", error.Message);
    }

    [Fact]
    public void Bad_adapter_folders_give_named_errors_and_leave_the_encoder_without_adapters()
    {
        var checkpoint = TinyLlama.Write(root);
        var good = Path.Combine(root, "good");
        using (var encoder = LlamaCheckpoint.Open(checkpoint))
            encoder.AttachLora(Small).Save(good);

        string Variant(string name, Action<string> change)
        {
            var folder = TinyLlama.Copy(good, Path.Combine(root, name));
            change(folder);
            return folder;
        }
        void EditConfig(string folder, Action<JsonObject> edit)
        {
            var file = Path.Combine(folder, LoraAdapters.ConfigFile);
            var config = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            edit(config);
            File.WriteAllText(file, config.ToJsonString());
        }
        void Rewrite(string folder, Func<Dictionary<string, Tensor>, Dictionary<string, Tensor>> edit)
        {
            var file = Path.Combine(folder, LoraAdapters.WeightsFile);
            var state = edit(Safetensors.LoadStateDict(file));
            Safetensors.SaveStateDict(file, state);
        }

        var cases = new (string Folder, string[] Named)[]
        {
            (Variant("no-weights", f => File.Delete(Path.Combine(f, LoraAdapters.WeightsFile))), [LoraAdapters.WeightsFile]),
            (Variant("no-config", f => File.Delete(Path.Combine(f, LoraAdapters.ConfigFile))), [LoraAdapters.ConfigFile]),
            (Variant("prefix-tuning", f => EditConfig(f, c => c["peft_type"] = "PREFIX_TUNING")), ["PREFIX_TUNING", LoraAdapters.ConfigFile]),
            (Variant("dora", f => EditConfig(f, c => c["use_dora"] = true)), ["use_dora"]),
            (Variant("wrong-rank", f => EditConfig(f, c => c["r"] = 3)), ["lora_A.weight", "[4, 16]", "[3, 16]"]),
            (Variant("missing-key", f => Rewrite(f, s => s.Where(kv => !kv.Key.Contains("layers.1.self_attn.v_proj.lora_B")).ToDictionary())), ["layers.1.self_attn.v_proj"]),
            (Variant("extra-key", f => Rewrite(f, s => { s["base_model.model.model.layers.0.mlp.up_proj.lora_A.weight"] = zeros(4, 16); return s; })), ["layers.0.mlp.up_proj"]),
            (Variant("truncated", f => { var p = Path.Combine(f, LoraAdapters.WeightsFile); var b = File.ReadAllBytes(p); File.WriteAllBytes(p, b[..(b.Length / 2)]); }), [LoraAdapters.WeightsFile]),
        };
        foreach (var (folder, named) in cases)
        {
            using var encoder = LlamaCheckpoint.Open(checkpoint);
            var error = Assert.Throws<CheckpointException>(() => encoder.LoadAdapter(folder));
            foreach (var text in named) Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"{Path.GetFileName(folder)}: '{error.Message}' does not name '{text}'");
            Assert.Null(encoder.Adapters);
            Assert.DoesNotContain(encoder.named_modules(), m => m.name.EndsWith("lora_A", StringComparison.Ordinal));
            Assert.All(encoder.parameters(), p => Assert.True(p.requires_grad));
        }
    }
}

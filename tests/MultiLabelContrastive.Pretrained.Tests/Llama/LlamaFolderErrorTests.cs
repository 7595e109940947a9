using System.Text.Json.Nodes;
using MultiLabelContrastive.Pretrained.Llama;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>Bad Llama folders (a copy of the golden bf16 sharded checkpoint, broken one way each) give named errors.</summary>
public sealed class LlamaFolderErrorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-llama-bad-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Broken(string name, Action<string> change)
    {
        var golden = LlamaGoldenCase.All().First(c => c.Adapter is null);
        var folder = TinyLlama.Copy(golden.Checkpoint, Path.Combine(root, name));
        change(folder);
        return folder;
    }

    private static void EditConfig(string folder, Action<JsonObject> edit)
    {
        var file = Path.Combine(folder, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(config);
        File.WriteAllText(file, config.ToJsonString());
    }

    public static TheoryData<string> Cases => new(["missing-shard", "unknown-model-type", "shape-mismatch", "missing-key", "unsupported-rope", "truncated-shard"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_llama_folder_gives_a_named_error(string name)
    {
        set_num_threads(1);
        const string shard2 = "model-00002-of-00002.safetensors";
        var (folder, named) = name switch
        {
            "missing-shard" => (Broken(name, f => File.Delete(Path.Combine(f, shard2))), new[] { shard2 }),
            "unknown-model-type" => (Broken(name, f => EditConfig(f, c => c["model_type"] = "mistral")), ["model_type", "mistral", "config.json"]),
            "shape-mismatch" => (Broken(name, f => EditConfig(f, c => c["intermediate_size"] = 80)), ["shape mismatch", "mlp.gate_proj.weight", "[96, 64]", "[80, 64]"]),
            "missing-key" => (Broken(name, f => EditConfig(f, c => c["num_hidden_layers"] = 3)), ["missing", "model.layers.2.self_attn.q_proj.weight"]),
            "unsupported-rope" => (Broken(name, f => EditConfig(f, c => c["rope_scaling"]!["rope_type"] = "yarn")), ["rope_scaling", "yarn", "config.json"]),
            _ => (Broken(name, f =>
            {
                var file = Path.Combine(f, shard2);
                var bytes = File.ReadAllBytes(file);
                File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);
            }), [shard2]),
        };
        var error = Assert.Throws<CheckpointException>(() => LlamaCheckpoint.Open(folder));
        foreach (var text in named) Assert.True(error.Message.Contains(text, StringComparison.Ordinal), $"'{error.Message}' does not name '{text}'");
    }
}

using MultiLabelContrastive.Pretrained;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests;

/// <summary>The loader on small folders written here: each layout loads, each bad folder gives its named error and
/// leaves the module as it was.</summary>
public sealed class CheckpointLoaderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-ckpt-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private sealed class Tiny : nn.Module
    {
        public readonly nn.Module<Tensor, Tensor> dense;
        public readonly nn.Module<Tensor, Tensor> LayerNorm;

        public Tiny() : base("Tiny")
        {
            dense = nn.Linear(3, 4);
            LayerNorm = nn.LayerNorm(4);
            RegisterComponents();
        }
    }

    private static Dictionary<string, Tensor> Published(ScalarType dtype, string prefix = "model.") => new()
    {
        [prefix + "dense.weight"] = arange(12, dtype: float32).reshape(4, 3).to(dtype),
        [prefix + "dense.bias"] = tensor(new float[] { 1, 2, 3, 4 }).to(dtype),
        [prefix + "LayerNorm.gamma"] = full(4, 0.5f).to(dtype),
        [prefix + "LayerNorm.beta"] = full(4, -0.25f).to(dtype),
        ["lm_head.weight"] = ones(2, 4).to(dtype),
    };

    private static readonly Func<string, string?> Mapping =
        KeyMapping.Chain(KeyMapping.Ignore("lm_head."), KeyMapping.StripPrefix("model."), KeyMapping.LegacyLayerNormNames);

    private string Folder(string name, string modelType = "tiny")
    {
        string folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), $"{{\"model_type\": \"{modelType}\"}}");
        return folder;
    }

    private static void WriteSafetensors(string file, Dictionary<string, Tensor> tensors) =>
        Safetensors.SaveStateDict(File.Create(file), tensors);

    private static void CheckLoaded(Tiny module, ScalarType dtype)
    {
        var state = module.state_dict();
        Assert.Equal(dtype, state["dense.weight"].dtype);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), state["dense.weight"].to(float32).data<float>().ToArray());
        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], state["LayerNorm.weight"].to(float32).data<float>().ToArray());
        Assert.Equal([-0.25f, -0.25f, -0.25f, -0.25f], state["LayerNorm.bias"].to(float32).data<float>().ToArray());
    }

    [Theory]
    [InlineData(ScalarType.Float32, ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16, ScalarType.Float32)]
    [InlineData(ScalarType.Float16, ScalarType.Float32)]
    [InlineData(ScalarType.Float32, ScalarType.BFloat16)]
    public void Single_safetensors_file_loads_with_mapping_and_dtype(ScalarType stored, ScalarType wanted)
    {
        string folder = Folder("single");
        WriteSafetensors(Path.Combine(folder, "model.safetensors"), Published(stored));
        var module = new Tiny();
        var report = CheckpointLoader.Load(module, CheckpointFolder.Open(folder), Mapping, wanted);
        CheckLoaded(module, wanted);
        Assert.Equal(["lm_head.weight"], report.Ignored);
        Assert.Equal(4, report.Loaded.Count);
    }

    [Fact]
    public void Sharded_safetensors_load_through_the_index()
    {
        string folder = Folder("sharded");
        var all = Published(ScalarType.BFloat16);
        var first = all.Take(2).ToDictionary();
        var second = all.Skip(2).ToDictionary();
        WriteSafetensors(Path.Combine(folder, "model-00001-of-00002.safetensors"), first);
        WriteSafetensors(Path.Combine(folder, "model-00002-of-00002.safetensors"), second);
        WriteIndex(folder, "model.safetensors.index.json", first.Keys.Select(k => (k, "model-00001-of-00002.safetensors"))
            .Concat(second.Keys.Select(k => (k, "model-00002-of-00002.safetensors"))));
        var checkpoint = CheckpointFolder.Open(folder);
        Assert.Equal(2, checkpoint.WeightFiles.Count);
        var module = new Tiny();
        CheckpointLoader.Load(module, checkpoint, Mapping, ScalarType.Float32);
        CheckLoaded(module, ScalarType.Float32);
    }

    [Fact]
    public void PyTorch_zip_pickle_loads()
    {
        string folder = Folder("pickle");
        PyTorchPickler.PickleStateDict(Path.Combine(folder, "pytorch_model.bin"), Published(ScalarType.Float32));
        var checkpoint = CheckpointFolder.Open(folder);
        Assert.Equal(WeightFormat.PyTorchPickle, checkpoint.Format);
        var module = new Tiny();
        CheckpointLoader.Load(module, checkpoint, Mapping, ScalarType.Float32);
        CheckLoaded(module, ScalarType.Float32);
    }

    private static void WriteIndex(string folder, string name, IEnumerable<(string Key, string Shard)> map) =>
        File.WriteAllText(Path.Combine(folder, name),
            "{\"metadata\": {}, \"weight_map\": {" + string.Join(", ", map.Select(e => $"\"{e.Key}\": \"{e.Shard}\"")) + "}}");

    private static float[] Snapshot(Tiny module) => module.state_dict()["dense.weight"].data<float>().ToArray();

    private CheckpointException LoadFails(string folder, string expectedFile, params string[] expectedFragments)
    {
        var module = new Tiny();
        var before = Snapshot(module);
        var error = Assert.Throws<CheckpointException>(() => CheckpointLoader.Load(module, CheckpointFolder.Open(folder), Mapping, ScalarType.Float32));
        Assert.EndsWith(expectedFile, error.FilePath);
        Assert.Contains(expectedFile, error.Message);
        foreach (var fragment in expectedFragments)
            Assert.Contains(fragment, error.Message);
        Assert.Equal(before, Snapshot(module));
        Assert.Equal(ScalarType.Float32, module.state_dict()["dense.weight"].dtype);
        return error;
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        var error = Assert.Throws<CheckpointException>(() => CheckpointFolder.Open(Path.Combine(root, "nowhere")));
        Assert.Contains("nowhere", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Missing_config_is_named()
    {
        string folder = Path.Combine(root, "noconfig");
        Directory.CreateDirectory(folder);
        WriteSafetensors(Path.Combine(folder, "model.safetensors"), Published(ScalarType.Float32));
        var error = Assert.Throws<CheckpointException>(() => CheckpointFolder.Open(folder));
        Assert.EndsWith("config.json", error.FilePath);
    }

    [Fact]
    public void Malformed_config_is_named()
    {
        string folder = Folder("badconfig");
        File.WriteAllText(Path.Combine(folder, "config.json"), "{\"model_type\": \"tiny\",");
        var error = Assert.Throws<CheckpointException>(() => CheckpointFolder.Open(folder));
        Assert.EndsWith("config.json", error.FilePath);
        Assert.Contains("malformed JSON", error.Message);
    }

    [Fact]
    public void Unknown_model_type_is_named()
    {
        string folder = Folder("gpt", modelType: "gpt2");
        WriteSafetensors(Path.Combine(folder, "model.safetensors"), Published(ScalarType.Float32));
        var error = Assert.Throws<CheckpointException>(() => CheckpointFolder.Open(folder).Config.RequireModelType("RoBERTa", "roberta", "bert"));
        Assert.EndsWith("config.json", error.FilePath);
        Assert.Contains("unknown model_type 'gpt2'", error.Message);
    }

    [Fact]
    public void No_weights_is_named()
    {
        var error = Assert.Throws<CheckpointException>(() => CheckpointFolder.Open(Folder("empty")));
        Assert.Contains("no weights found", error.Message);
    }

    [Fact]
    public void Missing_shard_is_named()
    {
        string folder = Folder("missingshard");
        var all = Published(ScalarType.Float32);
        WriteSafetensors(Path.Combine(folder, "model-00001-of-00002.safetensors"), all.Take(2).ToDictionary());
        WriteIndex(folder, "model.safetensors.index.json", all.Keys.Select((k, i) => (k, i < 2 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors")));
        var error = Assert.Throws<CheckpointException>(() => CheckpointFolder.Open(folder));
        Assert.EndsWith("model-00002-of-00002.safetensors", error.FilePath);
        Assert.Contains("missing shard", error.Message);
    }

    [Fact]
    public void Malformed_index_is_named()
    {
        string folder = Folder("badindex");
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), "{\"weight_map\": [1, 2]}");
        var error = Assert.Throws<CheckpointException>(() => CheckpointFolder.Open(folder));
        Assert.EndsWith("model.safetensors.index.json", error.FilePath);
    }

    [Fact]
    public void Truncated_safetensors_is_named_and_nothing_is_loaded()
    {
        string folder = Folder("truncated");
        string file = Path.Combine(folder, "model.safetensors");
        WriteSafetensors(file, Published(ScalarType.Float32));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^10]);
        LoadFails(folder, "model.safetensors", "truncated");
    }

    [Fact]
    public void Truncated_header_is_named()
    {
        string folder = Folder("truncatedheader");
        string file = Path.Combine(folder, "model.safetensors");
        WriteSafetensors(file, Published(ScalarType.Float32));
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..40]);
        LoadFails(folder, "model.safetensors", "truncated");
    }

    [Fact]
    public void Truncated_pickle_is_named()
    {
        string folder = Folder("truncatedpickle");
        string file = Path.Combine(folder, "pytorch_model.bin");
        PyTorchPickler.PickleStateDict(file, Published(ScalarType.Float32));
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^40]);
        LoadFails(folder, "pytorch_model.bin", "cannot read");
    }

    [Fact]
    public void Missing_key_is_named_and_nothing_is_loaded()
    {
        string folder = Folder("missingkey");
        var tensors = Published(ScalarType.Float32);
        tensors.Remove("model.dense.bias");
        WriteSafetensors(Path.Combine(folder, "model.safetensors"), tensors);
        LoadFails(folder, "model.safetensors", "missing from the checkpoint", "dense.bias");
    }

    [Fact]
    public void Unexpected_key_is_named()
    {
        string folder = Folder("unexpected");
        var tensors = Published(ScalarType.Float32);
        tensors["model.pooler.dense.weight"] = zeros(4, 4);
        WriteSafetensors(Path.Combine(folder, "model.safetensors"), tensors);
        LoadFails(folder, "model.safetensors", "unexpected", "model.pooler.dense.weight");
    }

    [Fact]
    public void Shape_mismatch_is_named()
    {
        string folder = Folder("shape");
        var tensors = Published(ScalarType.Float32);
        tensors["model.dense.weight"] = zeros(4, 5);
        WriteSafetensors(Path.Combine(folder, "model.safetensors"), tensors);
        LoadFails(folder, "model.safetensors", "shape mismatch", "model.dense.weight", "[4, 5]", "[4, 3]");
    }

    [Fact]
    public void Allowed_missing_keys_keep_their_values()
    {
        string folder = Folder("allowed");
        var tensors = Published(ScalarType.Float32);
        tensors.Remove("model.dense.bias");
        WriteSafetensors(Path.Combine(folder, "model.safetensors"), tensors);
        var module = new Tiny();
        var bias = module.state_dict()["dense.bias"].data<float>().ToArray();
        var report = CheckpointLoader.Load(module, CheckpointFolder.Open(folder), Mapping, ScalarType.Float32, key => key == "dense.bias");
        Assert.Equal(["dense.bias"], report.LeftAsTheyWere);
        Assert.Equal(bias, module.state_dict()["dense.bias"].data<float>().ToArray());
    }
}

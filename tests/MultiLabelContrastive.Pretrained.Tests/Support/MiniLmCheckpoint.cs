using Google.Protobuf;
using Onnx;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Support;

/// <summary>
/// Turns the ONNX export of all-MiniLM-L6-v2 into the folder the Hugging Face hub publishes for it (config.json,
/// vocab.txt, model.safetensors with BertModel key names), so that the public loader reads a real model no one here
/// wrote. The ONNX file is parsed with OnnxSharp (the ONNX protobuf types; ONNX Runtime does not expose initializers).
/// The exporter keeps the published names of embeddings, biases and LayerNorms, but stores each Linear weight
/// transposed (in × out) under a number, as the right operand of a MatMul whose output feeds an Add with the named bias:
/// that Add gives the weight its published name.
/// </summary>
public static class MiniLmCheckpoint
{
    /// <summary>all-MiniLM-L6-v2's config.json (BertModel), as published.</summary>
    private const string ConfigJson = """
        {
          "architectures": ["BertModel"],
          "model_type": "bert",
          "vocab_size": 30522,
          "hidden_size": 384,
          "num_hidden_layers": 6,
          "num_attention_heads": 12,
          "intermediate_size": 1536,
          "hidden_act": "gelu",
          "hidden_dropout_prob": 0.1,
          "attention_probs_dropout_prob": 0.1,
          "max_position_embeddings": 512,
          "type_vocab_size": 2,
          "layer_norm_eps": 1e-12,
          "pad_token_id": 0,
          "position_embedding_type": "absolute"
        }
        """;

    /// <summary>Writes the hub-layout folder and returns its path (created once per process).</summary>
    public static string Folder => LazyFolder.Value;

    /// <summary>The ONNX model bytes.</summary>
    public static byte[] OnnxBytes => LazyOnnx.Value;

    private static readonly Lazy<byte[]> LazyOnnx = new(() => MiniLmPackage.Resource("model.onnx"));

    private static readonly Lazy<string> LazyFolder = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), $"mlc-minilm-{Environment.ProcessId}");
        Write(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, true); } catch (IOException) { } };
        return folder;
    });

    /// <summary>Writes config.json, vocab.txt and model.safetensors into the folder.</summary>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), ConfigJson);
        File.WriteAllBytes(Path.Combine(folder, "vocab.txt"), MiniLmPackage.Resource("vocab.txt"));
        using var scope = NewDisposeScope();
        var tensors = Convert(ModelProto.Parser.ParseFrom(OnnxBytes).Graph);
        using var stream = File.Create(Path.Combine(folder, "model.safetensors"));
        Safetensors.SaveStateDict(stream, tensors);
    }

    private static Dictionary<string, Tensor> Convert(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var consumers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(x => x.Input, x => x.Node);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer.Where(i => i.Name.Contains('.')))
            result[init.Name] = ToTensor(init);
        foreach (var matmul in graph.Node.Where(n => n.OpType == "MatMul" && initializers.ContainsKey(n.Input[1])))
        {
            var add = consumers[matmul.Output[0]].SingleOrDefault(n => n.OpType == "Add")
                      ?? throw new InvalidDataException($"MatMul {matmul.Name} is not followed by a bias Add.");
            string bias = add.Input.Single(i => i != matmul.Output[0]);
            if (!bias.EndsWith(".bias", StringComparison.Ordinal))
                throw new InvalidDataException($"MatMul {matmul.Name} feeds Add {add.Name} whose other input '{bias}' is not a named bias.");
            result[bias[..^".bias".Length] + ".weight"] = ToTensor(initializers[matmul.Input[1]]).t().contiguous();
        }
        foreach (var tensor in result.Values)
            tensor.DetachFromDisposeScope();
        return result;
    }

    private static Tensor ToTensor(TensorProto proto)
    {
        var dims = proto.Dims.ToArray();
        var type = proto.DataType switch
        {
            (int)TensorProto.Types.DataType.Float => ScalarType.Float32,
            (int)TensorProto.Types.DataType.Int64 => ScalarType.Int64,
            _ => throw new InvalidDataException($"Initializer {proto.Name} has ONNX data type {proto.DataType}."),
        };
        if (proto.RawData.IsEmpty)
            throw new InvalidDataException($"Initializer {proto.Name} has no raw_data.");
        var result = empty(dims, type);
        result.bytes = proto.RawData.ToByteArray();
        return result;
    }
}

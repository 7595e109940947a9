using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Pretrained.Bert;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Bert;

/// <summary>
/// Small RoBERTa checkpoint folders written by the tests, in the hub's <c>RobertaForMaskedLM</c> layout: config.json,
/// model.safetensors (seeded random weights under <c>roberta.</c>, with an <c>lm_head.*</c>), and a byte-level BPE
/// tokenizer — vocab.json with &lt;s&gt; 0, &lt;pad&gt; 1, &lt;/s&gt; 2, &lt;unk&gt; 3, the 256 byte symbols from 4 on
/// (GPT-2's byte → character table), then one token per merge of <see cref="Merges"/>, then &lt;mask&gt;.
/// </summary>
internal static class TinyRoberta
{
    /// <summary>Merges in rank order: "Hello world" encodes as H · ell · o · Ġwo · r · l · d.</summary>
    public static readonly string[] Merges = ["Ġ w", "Ġw o", "l l", "e ll"];

    /// <summary>Id of the first byte symbol.</summary>
    public const int FirstByteId = 4;

    /// <summary>Id of a merged token (index into <see cref="Merges"/>).</summary>
    public static int MergeId(int merge) => FirstByteId + 256 + merge;

    /// <summary>Id of a byte's symbol.</summary>
    public static int ByteId(int b) => FirstByteId + b;

    /// <summary>Vocabulary size: specials, bytes, merges and &lt;mask&gt;.</summary>
    public static int VocabularySize => FirstByteId + 256 + Merges.Length + 1;

    /// <summary>The byte symbols in id order (byte 0 … 255 mapped by GPT-2's table).</summary>
    private static readonly string[] ByteSymbols = Enumerable.Range(0, 256).Select(b => ByteToUnicode()[b]).ToArray();

    public static JsonObject Config(int maxPositions = 40) => new()
    {
        ["architectures"] = new JsonArray("RobertaForMaskedLM"),
        ["model_type"] = "roberta",
        ["vocab_size"] = VocabularySize,
        ["hidden_size"] = 16,
        ["num_hidden_layers"] = 2,
        ["num_attention_heads"] = 2,
        ["intermediate_size"] = 24,
        ["hidden_act"] = "gelu",
        ["hidden_dropout_prob"] = 0.1,
        ["attention_probs_dropout_prob"] = 0.1,
        ["max_position_embeddings"] = maxPositions,
        ["type_vocab_size"] = 1,
        ["layer_norm_eps"] = 1e-5,
        ["pad_token_id"] = 1,
        ["bos_token_id"] = 0,
        ["eos_token_id"] = 2,
        ["torch_dtype"] = "float32",
    };

    /// <summary>Writes the folder under <paramref name="root"/> and returns its path.</summary>
    public static string Write(string root, string name = "tiny-roberta", int seed = 1, JsonObject? config = null)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        config ??= Config();
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        WriteTokenizer(folder);
        random.manual_seed(seed);
        using var encoder = new BertEncoder(BertConfig.From(CheckpointConfig.Read(Path.Combine(folder, "config.json"))));
        using (no_grad())
            foreach (var p in encoder.parameters()) p.normal_(0, 0.3);
        var state = encoder.state_dict().ToDictionary(kv => "roberta." + kv.Key, kv => kv.Value.detach().clone());
        state["lm_head.dense.weight"] = randn(16, 16);
        state["lm_head.bias"] = zeros(VocabularySize);
        Safetensors.SaveStateDict(Path.Combine(folder, "model.safetensors"), state);
        foreach (var t in state.Values) t.Dispose();
        return folder;
    }

    /// <summary>vocab.json, merges.txt and special_tokens_map.json.</summary>
    public static void WriteTokenizer(string folder)
    {
        var vocabulary = new Dictionary<string, int> { ["<s>"] = 0, ["<pad>"] = 1, ["</s>"] = 2, ["<unk>"] = 3 };
        for (int b = 0; b < 256; b++) vocabulary[ByteSymbols[b]] = FirstByteId + b;
        for (int m = 0; m < Merges.Length; m++) vocabulary[Merges[m].Replace(" ", "", StringComparison.Ordinal)] = MergeId(m);
        vocabulary["<mask>"] = VocabularySize - 1;
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllLines(Path.Combine(folder, "merges.txt"), new[] { "#version: 0.2" }.Concat(Merges), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, "special_tokens_map.json"),
            """{"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>", "pad_token": "<pad>", "cls_token": "<s>", "mask_token": {"content": "<mask>", "lstrip": true}}""");
    }

    /// <summary>GPT-2's reversible byte → character table (printable Latin-1 bytes map to themselves, the others to
    /// U+0100 onwards in byte order).</summary>
    private static Dictionary<int, string> ByteToUnicode()
    {
        var kept = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        var table = new Dictionary<int, string>();
        int next = 0;
        for (int b = 0; b < 256; b++)
            table[b] = kept.Contains(b) ? ((char)b).ToString() : ((char)(256 + next++)).ToString();
        return table;
    }
}

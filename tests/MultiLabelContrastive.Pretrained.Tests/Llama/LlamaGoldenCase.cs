using System.Text.Json;
using MultiLabelContrastive.TestSupport;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>One golden Llama case folder: checkpoint (+ adapter), inputs, expected last_hidden_state, tolerance.</summary>
internal sealed record LlamaGoldenCase(string Name, string Checkpoint, string? Adapter, long[,] InputIds, long[,] Mask, double Tolerance, string Expected)
{
    /// <summary>Every <c>&lt;golden folder&gt;/pretrained/llama-*</c> case (GOLDEN_DIR overrides the folder).</summary>
    public static IReadOnlyList<LlamaGoldenCase> All()
    {
        var pretrained = Path.Combine(RepositoryRoot.GoldenFolder, "pretrained");
        if (!Directory.Exists(pretrained)) return [];
        return Directory.GetDirectories(pretrained, "llama-*").Order(StringComparer.Ordinal).Select(Read).ToList();
    }

    private static LlamaGoldenCase Read(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case.json")));
        var root = json.RootElement;
        Assert.Equal("llama", root.GetProperty("architecture").GetString());
        var adapter = Path.Combine(folder, "adapter");
        return new LlamaGoldenCase(Path.GetFileName(folder), Path.Combine(folder, "checkpoint"), Directory.Exists(adapter) ? adapter : null,
            Matrix(root.GetProperty("input_ids")), Matrix(root.GetProperty("attention_mask")),
            root.GetProperty("tolerance").GetProperty("float32").GetDouble(), Path.Combine(folder, "expected.safetensors"));
    }

    public Tensor Ids => tensor(InputIds);

    public Tensor AttentionMask => tensor(Mask);

    /// <summary>The expected B × T × H float32 last hidden state.</summary>
    public Tensor ExpectedHidden()
    {
        var state = Safetensors.LoadStateDict(Expected);
        return state["last_hidden_state"];
    }

    /// <summary>max |actual − expected| over the positions where the attention mask is 1.</summary>
    public double MaxDifference(Tensor actual)
    {
        using var scope = NewDisposeScope();
        var expected = ExpectedHidden();
        Assert.Equal(expected.shape, actual.shape);
        var keep = AttentionMask.to_type(ScalarType.Bool).unsqueeze(2).expand_as(expected);
        return (actual.to_type(ScalarType.Float32) - expected).abs().masked_select(keep).max().item<float>();
    }

    private static long[,] Matrix(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        var result = new long[list.Length, list[0].Length];
        for (var i = 0; i < list.Length; i++)
            for (var j = 0; j < list[i].Length; j++) result[i, j] = list[i][j];
        return result;
    }
}

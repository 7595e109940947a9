using System.Text;
using MultiLabelContrastive.Pretrained.Tokenization;

namespace MultiLabelContrastive.Pretrained.Tests.Llama;

/// <summary>The Llama 3 tokenizer on a small tiktoken rank file written here (the real one is not available offline):
/// all 256 bytes, then merges chosen so that the Llama 3 pattern's 3-digit split changes the result.</summary>
public sealed class Llama3TokenizerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-tiktoken-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    // Ranks 256 … 262. On "12345" without pre-tokenisation BPE would merge "23" then "234" → 1 | 234 | 5; the pattern
    // splits "123" | "45" first, which gives 259, 260.
    private static readonly string[] Merges = ["23", "234", "12", "123", "45", " w", " wo"];

    private Llama3Tokenizer Write()
    {
        var folder = Path.Combine(root, "Llama-tiny");
        Directory.CreateDirectory(Path.Combine(folder, "original"));
        File.WriteAllText(Path.Combine(folder, "config.json"), "{\"model_type\": \"llama\"}");
        var lines = new List<string>();
        for (var b = 0; b < 256; b++) lines.Add($"{Convert.ToBase64String([(byte)b])} {b}");
        for (var i = 0; i < Merges.Length; i++) lines.Add($"{Convert.ToBase64String(Encoding.UTF8.GetBytes(Merges[i]))} {256 + i}");
        File.WriteAllLines(Path.Combine(folder, "original", "tokenizer.model"), lines);
        return Llama3Tokenizer.FromFolder(CheckpointFolderWithoutWeights(folder));
    }

    // The tokenizer needs only the folder's files; CheckpointFolder.Open wants weights, so give it an empty safetensors file.
    private static CheckpointFolder CheckpointFolderWithoutWeights(string folder)
    {
        var header = Encoding.UTF8.GetBytes("{}      ");
        using (var stream = File.Create(Path.Combine(folder, "model.safetensors")))
        {
            stream.Write(BitConverter.GetBytes((ulong)header.Length));
            stream.Write(header);
        }
        return CheckpointFolder.Open(folder);
    }

    [Fact]
    public void Special_tokens_follow_the_ranks_and_bos_is_prepended()
    {
        var tokenizer = Write();
        const int ranks = 256 + 7;
        Assert.Equal(ranks, tokenizer.RankCount);
        Assert.Equal(ranks + 256, tokenizer.VocabularySize);
        Assert.Equal(ranks, tokenizer.BeginOfTextId);
        Assert.Equal(ranks + 1, tokenizer.EndOfTextId);
        Assert.Equal(ranks + 4, tokenizer.PadId);
        Assert.Equal(ranks + 9, tokenizer.SpecialTokens["<|eot_id|>"]);
        Assert.Equal(ranks + 255, tokenizer.SpecialTokens["<|reserved_special_token_247|>"]);
        Assert.Equal([ranks, 259, 260], tokenizer.Encode("12345"));
        Assert.Equal([ranks, 'a', 262, 'r', 'l', 'd', ranks + 9], tokenizer.Encode("a world<|eot_id|>").Select(i => i));
        Assert.Equal("a world, 12345!", tokenizer.Decode(tokenizer.EncodeContent("a world, 12345!")));
    }

    [Fact]
    public void Batches_truncate_after_bos_and_pad_with_the_pad_token()
    {
        var tokenizer = Write();
        var batch = tokenizer.EncodeBatch(["12345 a world", "ab"], maxLength: 4, padToMaxLength: true);
        var pad = tokenizer.PadId;
        Assert.Equal([tokenizer.BeginOfTextId, 259, 260, ' '], batch.RowIds(0));
        Assert.Equal([tokenizer.BeginOfTextId, 'a', 'b', pad], batch.RowIds(1));
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1, 0], batch.Mask);
    }

    [Fact]
    public void Missing_or_malformed_rank_files_are_named()
    {
        var missing = Path.Combine(root, "none.model");
        Assert.Contains("none.model", Assert.Throws<CheckpointException>(() => Llama3Tokenizer.FromFile(missing)).Message);
        var bad = Path.Combine(root, "bad.model");
        File.WriteAllLines(bad, ["IQ== 0", "Ig== 5"]);
        var error = Assert.Throws<CheckpointException>(() => Llama3Tokenizer.FromFile(bad));
        Assert.Contains("line 2", error.Message);
    }
}

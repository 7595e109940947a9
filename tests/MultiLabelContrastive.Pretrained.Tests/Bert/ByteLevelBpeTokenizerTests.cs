using MultiLabelContrastive.Pretrained.Tokenization;

namespace MultiLabelContrastive.Pretrained.Tests.Bert;

/// <summary>RoBERTa's byte-level BPE (vocab.json + merges.txt, RobertaPreTokenizer) on the small vocabulary of
/// <see cref="TinyRoberta"/>: the merges apply in rank order within each pre-token, a leading space becomes Ġ, bytes
/// outside ASCII become GPT-2's byte symbols, and &lt;s&gt; / &lt;/s&gt; / &lt;pad&gt; come from the folder.</summary>
public sealed class ByteLevelBpeTokenizerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mlc-bpe-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static int B(char c) => TinyRoberta.ByteId(c);

    [Fact]
    public void Merges_apply_in_rank_order_within_pre_tokens()
    {
        var tokenizer = PretrainedTokenizer.FromFolder(CheckpointFolder.Open(TinyRoberta.Write(root)));
        Assert.IsType<ByteLevelBpeTokenizer>(tokenizer);
        Assert.Equal(TinyRoberta.VocabularySize, tokenizer.VocabularySize);
        Assert.Equal(1, tokenizer.PadId);
        // "Hello" → H e ll o → H ell o ("l l" ranks before "e ll"); " world" → Ġw o… → Ġwo r l d.
        Assert.Equal([0, B('H'), TinyRoberta.MergeId(3), B('o'), TinyRoberta.MergeId(1), B('r'), B('l'), B('d'), 2], tokenizer.Encode("Hello world"));
        // "é" is the UTF-8 bytes C3 A9, each its own byte symbol; no merge crosses the pre-token boundary at the space.
        Assert.Equal([0xC3 + TinyRoberta.FirstByteId, 0xA9 + TinyRoberta.FirstByteId], tokenizer.EncodeContent("é"));
    }

    [Fact]
    public void Batches_truncate_inside_the_special_tokens_and_pad_with_pad()
    {
        var tokenizer = PretrainedTokenizer.FromFolder(CheckpointFolder.Open(TinyRoberta.Write(root)));
        var batch = tokenizer.EncodeBatch(["Hello world", "é"], maxLength: 5, padToMaxLength: true);
        Assert.Equal([0, B('H'), TinyRoberta.MergeId(3), B('o'), 2], batch.RowIds(0));
        Assert.Equal([0, 0xC3 + TinyRoberta.FirstByteId, 0xA9 + TinyRoberta.FirstByteId, 2, 1], batch.RowIds(1));
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1, 1, 1, 0], batch.Mask);
    }

    [Fact]
    public void A_pad_id_that_disagrees_with_config_json_is_named()
    {
        var config = TinyRoberta.Config();
        config["pad_token_id"] = 3;
        var folder = TinyRoberta.Write(root, config: config);
        var error = Assert.Throws<CheckpointException>(() => PretrainedTokenizer.FromFolder(CheckpointFolder.Open(folder)));
        Assert.Contains("pad_token_id", error.Message);
        Assert.Contains("config.json", error.Message);
    }
}

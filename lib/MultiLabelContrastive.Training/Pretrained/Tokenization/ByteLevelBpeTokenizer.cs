using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>
/// RoBERTa's byte-level BPE from a folder's <c>vocab.json</c> + <c>merges.txt</c> (Microsoft.ML.Tokenizers'
/// <see cref="BpeTokenizer"/> with <see cref="BpeOptions.ByteLevel"/> and <see cref="RobertaPreTokenizer"/>), no prefix
/// space; &lt;s&gt; … &lt;/s&gt;, padding with &lt;pad&gt;. The special-token strings come from the folder's
/// <c>special_tokens_map.json</c> / <c>tokenizer_config.json</c> (RoBERTa's defaults when absent), their ids from
/// <c>vocab.json</c>, and must agree with <c>config.json</c>'s <c>bos/eos/pad_token_id</c> where it gives them.
/// </summary>
public sealed class ByteLevelBpeTokenizer : PretrainedTokenizer
{
    private readonly BpeTokenizer tokenizer;

    private ByteLevelBpeTokenizer(BpeTokenizer tokenizer, int vocabularySize, int bos, int eos, int pad, string source)
    {
        this.tokenizer = tokenizer;
        VocabularySize = vocabularySize;
        PadId = pad;
        PrefixIds = [bos];
        SuffixIds = [eos];
        Name = $"byte-level BPE ({source}, {vocabularySize} tokens)";
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override int VocabularySize { get; }

    /// <inheritdoc />
    public override int PadId { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> PrefixIds { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> SuffixIds { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> EncodeContent(string text) => tokenizer.EncodeToIds(text);

    /// <summary>Reads the tokenizer of a checkpoint folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <exception cref="CheckpointException">Missing or malformed files, a special token absent from the vocabulary or
    /// disagreeing with config.json.</exception>
    public static new ByteLevelBpeTokenizer FromFolder(CheckpointFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string vocabFile = folder.RequireFile("vocab.json", "the byte-level BPE tokenizer");
        string mergesFile = folder.RequireFile("merges.txt", "the byte-level BPE tokenizer");
        var vocabulary = ReadVocabulary(vocabFile);
        int Id(string field, string fallback, string? configField)
        {
            string token = TokenizerFiles.SpecialToken(folder, field) ?? fallback;
            if (!vocabulary.TryGetValue(token, out int id))
                throw new CheckpointException(vocabFile, $"the {field} '{token}' is not in the vocabulary.");
            if (configField is not null && folder.Config.Has(configField) && folder.Config.GetInt(configField) != id)
                throw folder.Config.Error($"{configField} is {folder.Config.GetInt(configField)} but the tokenizer's {field} '{token}' has id {id} in vocab.json.");
            return id;
        }
        int bos = Id("bos_token", "<s>", "bos_token_id");
        int eos = Id("eos_token", "</s>", "eos_token_id");
        int pad = Id("pad_token", "<pad>", "pad_token_id");
        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (field, fallback) in new[] { ("bos_token", "<s>"), ("eos_token", "</s>"), ("pad_token", "<pad>"), ("unk_token", "<unk>"), ("mask_token", "<mask>"), ("cls_token", "<s>"), ("sep_token", "</s>") })
        {
            string token = TokenizerFiles.SpecialToken(folder, field) ?? fallback;
            if (vocabulary.TryGetValue(token, out int id))
                special[token] = id;
        }
        return Create(vocabulary, mergesFile, special, bos, eos, pad, Path.GetFileName(folder.Path));
    }

    private static ByteLevelBpeTokenizer Create(Dictionary<string, int> vocabulary, string mergesFile, Dictionary<string, int> special,
        int bos, int eos, int pad, string source)
    {
        var merges = File.ReadLines(mergesFile).Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).ToList();
        foreach (var merge in merges)
            if (merge.Split(' ').Length != 2)
                throw new CheckpointException(mergesFile, $"malformed merge line '{merge}': expected two tokens separated by one space.");
        try
        {
            var options = new BpeOptions(vocabulary)
            {
                Merges = merges,
                PreTokenizer = RobertaPreTokenizer.Instance,
                ByteLevel = true,
                SpecialTokens = special,
                UnknownToken = special.ContainsKey("<unk>") ? "<unk>" : null,
            };
            return new ByteLevelBpeTokenizer(BpeTokenizer.Create(options), vocabulary.Values.Max() + 1, bos, eos, pad, source);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(mergesFile, $"cannot build the byte-level BPE tokenizer: {e.Message}", e);
        }
    }

    private static Dictionary<string, int> ReadVocabulary(string vocabFile)
    {
        try
        {
            var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabFile));
            if (vocabulary is null || vocabulary.Count == 0)
                throw new CheckpointException(vocabFile, "empty vocabulary.");
            return vocabulary;
        }
        catch (JsonException e)
        {
            throw new CheckpointException(vocabFile, $"malformed JSON (expected an object token → id): {e.Message}", e);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>
/// The Llama 3 / 3.1 tokenizer: Microsoft.ML.Tokenizers' <see cref="TiktokenTokenizer"/> over the byte-pair ranks of
/// <c>original/tokenizer.model</c>, split by the Llama 3 regular expression, with the 256 special tokens numbered from the
/// rank count on (<c>&lt;|begin_of_text|&gt;</c> = 128000 in the published model) and the beginning-of-text token prepended
/// to every text, as Hugging Face's tokenizer does; rows are padded (right) with <c>&lt;|finetune_right_pad_id|&gt;</c>
/// (128004), which no text produces, so a <see cref="Llama.LlamaEncoder"/> tells padding from text by that id.
/// </summary>
/// <remarks>
/// Special-token names follow Hugging Face's Llama 3.1 conversion (128004 <c>&lt;|finetune_right_pad_id|&gt;</c>,
/// 128006/128007 header ids, 128008 <c>&lt;|eom_id|&gt;</c>, 128009 <c>&lt;|eot_id|&gt;</c>, 128010
/// <c>&lt;|python_tag|&gt;</c>, the rest reserved). Texts that spell a special token are encoded as that token (Hugging
/// Face's behaviour). Truncation keeps the beginning-of-text token and the first tokens of the text.
/// </remarks>
public sealed class Llama3Tokenizer : PretrainedTokenizer
{
    /// <summary>The Llama 3 pre-tokenisation pattern (the same as cl100k_base's).</summary>
    public const string Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Number of special tokens of Llama 3.</summary>
    public const int SpecialTokenCount = 256;

    /// <summary>The beginning-of-text token.</summary>
    public const string BeginOfText = "<|begin_of_text|>";

    /// <summary>The end-of-text token.</summary>
    public const string EndOfText = "<|end_of_text|>";

    /// <summary>The padding token of Llama 3.1 (never produced by text).</summary>
    public const string PaddingToken = "<|finetune_right_pad_id|>";

    private static readonly string[] NamedSpecialTokens =
    [
        BeginOfText, EndOfText, "<|reserved_special_token_0|>", "<|reserved_special_token_1|>", PaddingToken,
        "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>", "<|eom_id|>", "<|eot_id|>", "<|python_tag|>",
    ];

    private Llama3Tokenizer(TiktokenTokenizer tokenizer, int rankCount, IReadOnlyDictionary<string, int> specialTokens, string source)
    {
        Tokenizer = tokenizer;
        RankCount = rankCount;
        SpecialTokens = specialTokens;
        Source = source;
    }

    /// <inheritdoc />
    public override string Name => $"Llama 3 tiktoken ({Path.GetFileName(Source)}, {VocabularySize} ids)";

    /// <inheritdoc />
    public override int PadId => SpecialTokens[PaddingToken];

    /// <inheritdoc />
    public override IReadOnlyList<int> PrefixIds => [BeginOfTextId];

    /// <inheritdoc />
    public override IReadOnlyList<int> SuffixIds => [];

    /// <inheritdoc />
    public override IReadOnlyList<int> EncodeContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? [] : Tokenizer.EncodeToIds(text);
    }

    /// <summary>The underlying Microsoft.ML.Tokenizers tokenizer.</summary>
    public TiktokenTokenizer Tokenizer { get; }

    /// <summary>Number of byte-pair ranks (128,000 in Llama 3); special tokens follow.</summary>
    public int RankCount { get; }

    /// <summary>Size of the id space: ranks plus special tokens.</summary>
    public override int VocabularySize => RankCount + SpecialTokenCount;

    /// <summary>Special tokens and their ids.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>Id of <c>&lt;|begin_of_text|&gt;</c>.</summary>
    public int BeginOfTextId => SpecialTokens[BeginOfText];

    /// <summary>Id of <c>&lt;|end_of_text|&gt;</c>.</summary>
    public int EndOfTextId => SpecialTokens[EndOfText];

    /// <summary>The file the ranks came from.</summary>
    public string Source { get; }

    /// <summary>Opens the tokenizer of a checkpoint folder: <c>original/tokenizer.model</c>, else <c>tokenizer.model</c>.</summary>
    /// <param name="folder">A Llama 3 folder as the hub ships it.</param>
    /// <exception cref="CheckpointException">Neither file exists, or the file is not a tiktoken rank file.</exception>
    public static new Llama3Tokenizer FromFolder(CheckpointFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var file = folder.FindFile(Path.Combine("original", "tokenizer.model")) ?? folder.FindFile("tokenizer.model")
            ?? throw new CheckpointException(Path.Combine(folder.Path, "original", "tokenizer.model"),
                "not found (nor tokenizer.model): the Llama 3 tokenizer reads the tiktoken ranks the hub ships there.");
        return FromFile(file);
    }

    /// <summary>Opens a tiktoken rank file (lines "base64-bytes rank", ranks 0 … N − 1).</summary>
    /// <param name="path">The file, e.g. <c>original/tokenizer.model</c>.</param>
    /// <exception cref="CheckpointException">The file is missing, a line is malformed or the ranks are not 0 … N − 1.</exception>
    public static Llama3Tokenizer FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new CheckpointException(path, "tokenizer file not found.");
        var bytes = File.ReadAllBytes(path);
        var rankCount = CountRanks(bytes, path);
        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < SpecialTokenCount; i++)
        {
            var name = i < NamedSpecialTokens.Length
                ? NamedSpecialTokens[i]
                : string.Create(CultureInfo.InvariantCulture, $"<|reserved_special_token_{i - NamedSpecialTokens.Length + 3}|>");
            special[name] = rankCount + i;
        }
        var preTokenizer = new RegexPreTokenizer(new Regex(Pattern, RegexOptions.Compiled), special);
        using var stream = new MemoryStream(bytes, writable: false);
        var tokenizer = TiktokenTokenizer.Create(stream, preTokenizer, normalizer: null, special);
        return new Llama3Tokenizer(tokenizer, rankCount, special, path);
    }

    /// <summary>Text of ids (special tokens spelled out).</summary>
    /// <param name="ids">Llama ids.</param>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Tokenizer.Decode(ids);
    }

    private static int CountRanks(byte[] bytes, string path)
    {
        var text = Encoding.ASCII.GetString(bytes);
        var count = 0;
        var lineNumber = 0;
        Span<byte> decoded = stackalloc byte[256];
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            if (space <= 0 || !int.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var rank))
                throw new CheckpointException(path, $"line {lineNumber} is not \"base64-bytes rank\": a Llama 3 tokenizer.model is a tiktoken rank file.");
            if (rank != count)
                throw new CheckpointException(path, $"line {lineNumber} has rank {rank}; expected {count} (ranks must run 0, 1, 2, …).");
            if (!Convert.TryFromBase64String(line[..space], decoded, out _))
                throw new CheckpointException(path, $"line {lineNumber}: '{line[..space]}' is not base64.");
            count++;
        }
        if (count == 0) throw new CheckpointException(path, $"holds no ranks.");
        return count;
    }
}

using Microsoft.ML.Tokenizers;

namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>
/// BERT's WordPiece tokenizer from a folder's <c>vocab.txt</c> (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>):
/// basic tokenisation, lower-casing unless <c>tokenizer_config.json</c> says <c>"do_lower_case": false</c>,
/// [CLS] … [SEP], padding with [PAD].
/// </summary>
public sealed class BertWordPieceTokenizer : PretrainedTokenizer
{
    private readonly BertTokenizer tokenizer;
    private readonly int vocabularySize;

    private BertWordPieceTokenizer(BertTokenizer tokenizer, int vocabularySize, string source)
    {
        this.tokenizer = tokenizer;
        this.vocabularySize = vocabularySize;
        Name = $"WordPiece ({source}, {vocabularySize} tokens)";
        PrefixIds = [tokenizer.ClassificationTokenId];
        SuffixIds = [tokenizer.SeparatorTokenId];
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override int VocabularySize => vocabularySize;

    /// <inheritdoc />
    public override int PadId => tokenizer.PaddingTokenId;

    /// <inheritdoc />
    public override IReadOnlyList<int> PrefixIds { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> SuffixIds { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> EncodeContent(string text) => tokenizer.EncodeToIds(text, addSpecialTokens: false);

    /// <summary>Reads <c>vocab.txt</c> (and the lower-casing flag) from a checkpoint folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <exception cref="CheckpointException">No or malformed vocab.txt.</exception>
    public static new BertWordPieceTokenizer FromFolder(CheckpointFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string vocab = folder.RequireFile("vocab.txt", "the BERT WordPiece tokenizer");
        bool lowerCase = TokenizerFiles.Flag(folder, "do_lower_case") ?? true;
        return FromVocabulary(vocab, lowerCase);
    }

    /// <summary>Reads a WordPiece vocabulary file.</summary>
    /// <param name="vocabFile">One token per line; the line number is the id.</param>
    /// <param name="lowerCase">Lower-case (and strip accents) before tokenising, as uncased BERT models do.</param>
    /// <exception cref="CheckpointException">Missing file, or no [CLS]/[SEP]/[PAD]/[UNK] in it.</exception>
    public static BertWordPieceTokenizer FromVocabulary(string vocabFile, bool lowerCase = true)
    {
        if (!File.Exists(vocabFile))
            throw new CheckpointException(vocabFile, "vocabulary file not found.");
        var lines = File.ReadAllLines(vocabFile);
        foreach (var required in new[] { "[CLS]", "[SEP]", "[PAD]", "[UNK]" })
            if (!lines.Contains(required))
                throw new CheckpointException(vocabFile, $"not a BERT vocabulary: the special token {required} is missing.");
        try
        {
            var tokenizer = BertTokenizer.Create(vocabFile, new BertOptions { LowerCaseBeforeTokenization = lowerCase, RemoveNonSpacingMarks = lowerCase });
            return new BertWordPieceTokenizer(tokenizer, lines.Length, Path.GetFileName(vocabFile));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(vocabFile, $"cannot read the WordPiece vocabulary: {e.Message}", e);
        }
    }
}

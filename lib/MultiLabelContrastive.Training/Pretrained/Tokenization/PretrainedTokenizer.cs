namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>
/// A checkpoint's own tokenizer: text → the ids its embedding table was trained on, with the model's special tokens,
/// truncation, padding, attention masks and PLM-ICD-style segmentation. Implementations wrap Microsoft.ML.Tokenizers
/// (<see cref="BertWordPieceTokenizer"/>, <see cref="ByteLevelBpeTokenizer"/>, <see cref="Llama3Tokenizer"/>); <see cref="FromFolder"/> picks one from
/// the files of a checkpoint folder.
/// </summary>
/// <example><code>
/// var tokenizer = PretrainedTokenizer.FromFolder(CheckpointFolder.Open("/models/roberta-base"));
/// var batch = tokenizer.EncodeBatch(["A first note.", "A second, longer note."], maxLength: 512);
/// </code></example>
public abstract class PretrainedTokenizer
{
    /// <summary>Name shown in logs, e.g. "WordPiece (vocab.txt, 30522 tokens)".</summary>
    public abstract string Name { get; }

    /// <summary>Size of the id space (the embedding table's row count must be at least this).</summary>
    public abstract int VocabularySize { get; }

    /// <summary>Id written on padded positions (masked out of attention).</summary>
    public abstract int PadId { get; }

    /// <summary>Side of the row that padding goes to.</summary>
    public virtual PaddingSide PaddingSide => PaddingSide.Right;

    /// <summary>Ids added before the content (e.g. [CLS], &lt;s&gt;, &lt;|begin_of_text|&gt;).</summary>
    public abstract IReadOnlyList<int> PrefixIds { get; }

    /// <summary>Ids added after the content (e.g. [SEP], &lt;/s&gt;; none for Llama).</summary>
    public abstract IReadOnlyList<int> SuffixIds { get; }

    /// <summary>Ids of the text alone, without special tokens.</summary>
    /// <param name="text">The text.</param>
    public abstract IReadOnlyList<int> EncodeContent(string text);

    /// <summary>Ids of one text with the special tokens; when <paramref name="maxLength"/> is given the content is cut so
    /// that the whole fits (the special tokens are kept, as Hugging Face's truncation does).</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">Longest result, special tokens included (null: no truncation).</param>
    /// <exception cref="ArgumentOutOfRangeException">maxLength leaves no room for the special tokens.</exception>
    public IReadOnlyList<int> Encode(string text, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        int special = PrefixIds.Count + SuffixIds.Count;
        if (maxLength is { } m && m < special + 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"maxLength must leave room for the {special} special token(s) and one token.");
        var content = EncodeContent(text);
        int keep = maxLength is { } limit ? Math.Min(content.Count, limit - special) : content.Count;
        var ids = new List<int>(keep + special);
        ids.AddRange(PrefixIds);
        for (int i = 0; i < keep; i++)
            ids.Add(content[i]);
        ids.AddRange(SuffixIds);
        return ids;
    }

    /// <summary>Several texts, truncated to <paramref name="maxLength"/> and padded (to the longest row, or to maxLength).</summary>
    /// <param name="texts">The texts, one row each.</param>
    /// <param name="maxLength">Longest row, special tokens included.</param>
    /// <param name="padToMaxLength">True: every row has maxLength positions (fixed-size dataset rows).</param>
    public TokenBatch EncodeBatch(IReadOnlyList<string> texts, int maxLength, bool padToMaxLength = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = texts.Select(t => Encode(t ?? throw new ArgumentException("A text is null.", nameof(texts)), maxLength)).ToList();
        int length = padToMaxLength ? maxLength : Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Count));
        var ids = new long[rows.Count * length];
        var mask = new long[rows.Count * length];
        Array.Fill(ids, PadId);
        for (int r = 0; r < rows.Count; r++)
        {
            int start = r * length + (PaddingSide == PaddingSide.Left ? length - rows[r].Count : 0);
            for (int i = 0; i < rows[r].Count; i++)
            {
                ids[start + i] = rows[r][i];
                mask[start + i] = 1;
            }
        }
        return new TokenBatch(ids, mask, rows.Count, length);
    }

    /// <summary>Long documents as PLM-ICD segments them (see <see cref="SegmentedBatch"/>).</summary>
    /// <param name="texts">The documents.</param>
    /// <param name="options">Segment length and maximum tokens (null: PLM-ICD's 128 and 3,072).</param>
    public SegmentedBatch EncodeSegments(IReadOnlyList<string> texts, SegmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new SegmentOptions();
        options.Validate();
        var rows = texts.Select(t => Encode(t ?? throw new ArgumentException("A text is null.", nameof(texts)), options.MaxTokens)).ToList();
        int segments = options.PadToMaxTokens
            ? options.MaxSegments
            : Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => (r.Count + options.SegmentLength - 1) / options.SegmentLength));
        int length = segments * options.SegmentLength;
        var ids = new long[rows.Count * length];
        var mask = new long[rows.Count * length];
        Array.Fill(ids, PadId);
        for (int r = 0; r < rows.Count; r++)
            for (int i = 0; i < rows[r].Count; i++)
            {
                ids[r * length + i] = rows[r][i];
                mask[r * length + i] = 1;
            }
        return new SegmentedBatch(ids, mask, rows.Count, segments, options.SegmentLength);
    }

    /// <summary>The tokenizer a checkpoint folder ships: <c>vocab.txt</c> → <see cref="BertWordPieceTokenizer"/>;
    /// <c>vocab.json</c> + <c>merges.txt</c> → <see cref="ByteLevelBpeTokenizer"/>; <c>original/tokenizer.model</c> (as
    /// the hub ships Llama 3 / 3.1) or <c>tokenizer.model</c> → <see cref="Llama3Tokenizer"/>.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <exception cref="CheckpointException">No tokenizer files, or malformed ones (a <c>tokenizer.model</c> that is not
    /// a tiktoken rank file, e.g. Llama 2's SentencePiece model, is named as such).</exception>
    public static PretrainedTokenizer FromFolder(CheckpointFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.FindFile("vocab.txt") is not null)
            return BertWordPieceTokenizer.FromFolder(folder);
        if (folder.FindFile("vocab.json") is not null && folder.FindFile("merges.txt") is not null)
            return ByteLevelBpeTokenizer.FromFolder(folder);
        if (folder.FindFile(Path.Combine("original", "tokenizer.model")) is not null || folder.FindFile("tokenizer.model") is not null)
            return Llama3Tokenizer.FromFolder(folder);
        throw new CheckpointException(folder.Path,
            "no tokenizer files found: expected vocab.txt (BERT WordPiece), vocab.json + merges.txt (byte-level BPE) or original/tokenizer.model (Llama 3 tiktoken ranks).");
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Text;

/// <summary>
/// Texts to fixed-length rows of compact token ids: cl100k_base tokenisation (<see cref="Cl100k"/>), ids remapped
/// through a <see cref="TokenVocabulary"/> fitted on the training texts, truncated to the first
/// <see cref="MaxLength"/> tokens and padded with 0 at the end.
/// </summary>
public sealed class TextEncoder
{
    private TextEncoder(TokenVocabulary vocabulary, int maxLength)
    {
        Vocabulary = vocabulary;
        MaxLength = maxLength;
    }

    /// <summary>The compact id space (size V; 0 = padding, 1 = unknown).</summary>
    public TokenVocabulary Vocabulary { get; }

    /// <summary>Row length L.</summary>
    public int MaxLength { get; }

    /// <summary>Fits the vocabulary on training texts.</summary>
    /// <param name="trainingTexts">Texts of the training split only (never validation or test).</param>
    /// <param name="options">Row length, minimum count, vocabulary cap; defaults when null.</param>
    public static TextEncoder Fit(IEnumerable<string> trainingTexts, TextEncodingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainingTexts);
        options ??= new TextEncodingOptions();
        options.Validate();
        var sequences = trainingTexts.Select(t => Cl100k.Encode(t ?? throw new ArgumentException("A training text is null.", nameof(trainingTexts))));
        return FromSequences(sequences, options);
    }

    internal static TextEncoder FromSequences(IEnumerable<IReadOnlyList<int>> trainingSequences, TextEncodingOptions options) =>
        new(TokenVocabulary.Build(trainingSequences, options.MinCount, options.MaxVocabularySize), options.MaxLength);

    /// <summary>Compact ids of one text, truncated to <see cref="MaxLength"/>, not padded.</summary>
    public long[] EncodeIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Map(Cl100k.Encode(text));
    }

    /// <summary>Rows of compact ids for several texts.</summary>
    /// <param name="texts">Documents, one per row.</param>
    /// <returns>n × <see cref="MaxLength"/> int64 CPU tensor, 0 = padding.</returns>
    public Tensor Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Rows(texts.Select(t => Cl100k.Encode(t ?? throw new ArgumentException("A text is null.", nameof(texts)))).ToList());
    }

    /// <summary>Readable text of a row of compact ids: padding dropped, unknown ids shown as "⟨unk⟩".</summary>
    public string Decode(IEnumerable<long> compactIds)
    {
        ArgumentNullException.ThrowIfNull(compactIds);
        var parts = new List<string>();
        var run = new List<int>();
        foreach (var id in compactIds)
        {
            if (id == TokenVocabulary.PaddingId) continue;
            var source = Vocabulary.SourceId(checked((int)id));
            if (source >= 0) { run.Add(source); continue; }
            if (run.Count > 0) { parts.Add(Cl100k.Decode(run)); run.Clear(); }
            parts.Add("⟨unk⟩");
        }
        if (run.Count > 0) parts.Add(Cl100k.Decode(run));
        return string.Concat(parts);
    }

    internal long[] Map(IReadOnlyList<int> sourceIds)
    {
        var length = Math.Min(sourceIds.Count, MaxLength);
        var ids = new long[length];
        for (var i = 0; i < length; i++) ids[i] = Vocabulary.Map(sourceIds[i]);
        return ids;
    }

    internal Tensor Rows(IReadOnlyList<IReadOnlyList<int>> sourceSequences)
    {
        var flat = new long[sourceSequences.Count * (long)MaxLength];
        for (var r = 0; r < sourceSequences.Count; r++)
        {
            var sequence = sourceSequences[r];
            var length = Math.Min(sequence.Count, MaxLength);
            for (var i = 0; i < length; i++) flat[r * (long)MaxLength + i] = Vocabulary.Map(sequence[i]);
        }
        return tensor(flat, [sourceSequences.Count, MaxLength], ScalarType.Int64);
    }
}

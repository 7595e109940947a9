using Microsoft.ML.Tokenizers;

namespace MultiLabelContrastive.Data.Text;

/// <summary>
/// The cl100k_base byte-pair encoding (OpenAI's GPT-3.5/GPT-4 tokenizer) from Microsoft.ML.Tokenizers, loaded once
/// from the embedded Microsoft.ML.Tokenizers.Data.Cl100kBase package; works offline.
/// </summary>
public static class Cl100k
{
    private static readonly Lazy<Tokenizer> Shared = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>The shared tokenizer instance (thread-safe; the first access takes ~0.3 s).</summary>
    public static Tokenizer Tokenizer => Shared.Value;

    /// <summary>Number of ids of the encoding's regular vocabulary (100,256; special tokens lie above).</summary>
    public const int VocabularySize = 100_256;

    /// <summary>cl100k ids of a text, without special tokens.</summary>
    /// <param name="text">Any text; an empty string gives no ids.</param>
    public static IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? [] : Tokenizer.EncodeToIds(text);
    }

    /// <summary>Text of cl100k ids.</summary>
    /// <param name="ids">Ids returned by <see cref="Encode"/>.</param>
    public static string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Tokenizer.Decode(ids);
    }
}

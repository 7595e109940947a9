using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>
/// A MIME-type keyed set of representations of one value (nbformat's <c>mimebundle</c>), in insertion order, richest first.
/// Text types (<c>text/plain</c>, <c>text/html</c>, <c>image/png</c> as base64, …) hold a string; JSON types
/// (<c>application/json</c>, <c>application/*+json</c> such as <c>application/vnd.plotly.v1+json</c>) hold a JSON value.
/// </summary>
public sealed class MimeBundle
{
    private readonly List<KeyValuePair<string, JsonNode>> _entries = [];

    /// <summary>The MIME types present, in insertion order.</summary>
    public IEnumerable<string> MimeTypes => _entries.Select(e => e.Key);

    /// <summary>Number of representations.</summary>
    public int Count => _entries.Count;

    /// <summary>Whether a representation of <paramref name="mimeType"/> is present.</summary>
    /// <param name="mimeType">A MIME type such as <c>text/html</c>.</param>
    public bool Contains(string mimeType) => _entries.Any(e => e.Key == mimeType);

    /// <summary>Adds or replaces a text representation (a string; for <c>image/png</c> the base64 of the bytes).</summary>
    /// <param name="mimeType">A MIME type that is not a JSON type.</param>
    /// <param name="text">The representation.</param>
    /// <returns>This bundle, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="mimeType"/> is empty or a JSON type (use <see cref="SetJson"/>).</exception>
    public MimeBundle SetText(string mimeType, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(text);
        if (IsJsonMimeType(mimeType))
        {
            throw new ArgumentException($"'{mimeType}' is a JSON MIME type; use SetJson.", nameof(mimeType));
        }

        Put(mimeType, JsonValue.Create(text));
        return this;
    }

    /// <summary>Adds or replaces a JSON representation (for <c>application/json</c> and <c>application/*+json</c>).</summary>
    /// <param name="mimeType">A JSON MIME type.</param>
    /// <param name="json">The JSON value; stored as given (not copied).</param>
    /// <returns>This bundle, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="mimeType"/> is not a JSON type.</exception>
    public MimeBundle SetJson(string mimeType, JsonNode json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(json);
        if (!IsJsonMimeType(mimeType))
        {
            throw new ArgumentException($"'{mimeType}' is not a JSON MIME type (application/json or application/*+json); use SetText.", nameof(mimeType));
        }

        Put(mimeType, json);
        return this;
    }

    /// <summary>The text representation of <paramref name="mimeType"/>, or null when absent or not text.</summary>
    /// <param name="mimeType">A MIME type such as <c>text/plain</c>.</param>
    public string? GetText(string mimeType)
    {
        var node = Get(mimeType);
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>The JSON representation of <paramref name="mimeType"/>, or null when absent.</summary>
    /// <param name="mimeType">A JSON MIME type.</param>
    public JsonNode? GetJson(string mimeType) => Get(mimeType);

    /// <summary>True for <c>application/json</c> and <c>application/*+json</c>, whose nbformat value may be any JSON.</summary>
    /// <param name="mimeType">A MIME type.</param>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType.StartsWith("application/", StringComparison.Ordinal)
        && (mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal));

    internal IEnumerable<KeyValuePair<string, JsonNode>> Entries => _entries;

    internal void Put(string mimeType, JsonNode value)
    {
        var index = _entries.FindIndex(e => e.Key == mimeType);
        var entry = new KeyValuePair<string, JsonNode>(mimeType, value);
        if (index >= 0)
        {
            _entries[index] = entry;
        }
        else
        {
            _entries.Add(entry);
        }
    }

    private JsonNode? Get(string mimeType)
    {
        foreach (var e in _entries)
        {
            if (e.Key == mimeType)
            {
                return e.Value;
            }
        }

        return null;
    }
}

using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>One cell of a notebook: its kind, id, source, metadata and (code cells) outputs and execution count.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="kind">Markdown, code or raw (use <see cref="CellKind.Unrecognized"/> only through the reader).</param>
    /// <param name="source">The cell's text; lines separated by <c>\n</c>.</param>
    /// <param name="id">The nbformat 4.5 cell id (1–64 characters of <c>[a-zA-Z0-9-_]</c>); a new one when null.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid cell id.</exception>
    public NotebookCell(CellKind kind, string source, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Kind = kind;
        Source = source;
        Id = id ?? NewId();
        if (!IsValidId(Id))
        {
            throw new ArgumentException($"Cell id '{Id}' is not valid: 1 to 64 characters of a-z, A-Z, 0-9, '-' and '_'.", nameof(id));
        }
    }

    /// <summary>The cell type.</summary>
    public CellKind Kind { get; }

    /// <summary>The nbformat 4.5 cell id, unique within its notebook.</summary>
    public string Id { get; set; }

    /// <summary>The cell's text, lines separated by <c>\n</c>.</summary>
    public string Source { get; set; }

    /// <summary>Cell metadata (tags, timing, …); kept verbatim through read and write.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>Outputs of a code cell, in order; always empty for other kinds.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>The code cell's execution count (<c>In [n]</c>), null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Attachments of a markdown or raw cell (nbformat <c>attachments</c>), kept verbatim; null when absent.</summary>
    public JsonObject? Attachments { get; set; }

    /// <summary>For <see cref="CellKind.Unrecognized"/> cells, the cell's JSON as read, written back unchanged.</summary>
    public JsonObject? RawJson { get; init; }

    /// <summary>The cell's tags (<c>metadata.tags</c>), empty when none.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.Select(t => t?.GetValue<string>()).Where(t => t is not null).Select(t => t!).ToList()
            : [];

    /// <summary>Whether the cell has the tag <paramref name="tag"/>.</summary>
    /// <param name="tag">A tag such as <c>parameters</c>.</param>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds a tag to <c>metadata.tags</c> unless present.</summary>
    /// <param name="tag">The tag; must not contain a comma (nbformat).</param>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty or contains a comma.</exception>
    public void AddTag(string tag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        if (tag.Contains(','))
        {
            throw new ArgumentException($"Tag '{tag}' contains a comma, which nbformat forbids.", nameof(tag));
        }

        if (HasTag(tag))
        {
            return;
        }

        if (Metadata["tags"] is not JsonArray tags)
        {
            tags = [];
            Metadata["tags"] = tags;
        }

        tags.Add(tag);
    }

    /// <summary>Clears outputs and execution count (before a fresh execution).</summary>
    public void ClearOutputs()
    {
        Outputs.Clear();
        ExecutionCount = null;
    }

    /// <summary>Whether <paramref name="id"/> is a valid nbformat 4.5 cell id.</summary>
    /// <param name="id">A candidate id.</param>
    public static bool IsValidId(string? id) =>
        id is { Length: >= 1 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');

    /// <summary>A fresh random cell id (32 hex digits, like Jupyter's).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}

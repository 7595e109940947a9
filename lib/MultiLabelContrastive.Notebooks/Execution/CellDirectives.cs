namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// The directive grammar of a cell, shared by the engine (which runs the directives) and the kernel's language
/// services (which blank them before Roslyn parses the cell): a line is a directive when, after leading white space,
/// it is a <c>#!</c> cell magic, or <c>#r</c> / <c>#load</c> followed by white space or a quote.
/// </summary>
public static class CellDirectives
{
    /// <summary>Whether a line (leading white space allowed) is a directive the engine handles.</summary>
    public static bool IsDirectiveLine(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return IsCellMagic(trimmed) || IsDirective(trimmed, "#r") || IsDirective(trimmed, "#load");
    }

    /// <summary>Whether a trimmed line starts a <c>#!</c> cell magic.</summary>
    public static bool IsCellMagic(ReadOnlySpan<char> trimmed) => trimmed.StartsWith("#!", StringComparison.Ordinal);

    /// <summary>Whether a trimmed line is the directive <paramref name="name"/> (<c>#r</c>, <c>#load</c>) followed by
    /// white space or a quote.</summary>
    public static bool IsDirective(ReadOnlySpan<char> trimmed, string name) =>
        trimmed.StartsWith(name, StringComparison.Ordinal)
        && trimmed.Length > name.Length
        && (char.IsWhiteSpace(trimmed[name.Length]) || trimmed[name.Length] == '"');
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// A cell's text made ready for Roslyn: <c>#!csharp</c> (and <c>#!c#</c>) cell magics become blank lines; <c>#r</c> and
/// <c>#load</c> directive lines go into a first submission that runs before the rest (Roslyn accepts them only before the
/// first token); the rest is the code submission. Both keep the cell's line numbering (moved lines become blank).
/// </summary>
internal sealed record CellSource(string? Directives, string Code, IReadOnlyList<(int Line, string Reference)> NuGetReferences)
{
    private static readonly string[] CSharpMagics = ["#!csharp", "#!c#", "#!C#"];

    public static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>Whether the code part has anything to compile.</summary>
    public bool HasCode => !string.IsNullOrWhiteSpace(Code);

    /// <summary>Splits a cell.</summary>
    /// <exception cref="CellMagicException">A cell magic other than <c>#!csharp</c> (another language, an unknown command).</exception>
    public static CellSource Parse(string cell)
    {
        var lines = cell.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var directives = new string[lines.Length];
        var code = new string[lines.Length];
        var nuget = new List<(int, string)>();
        var anyDirective = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            directives[i] = "";
            code[i] = lines[i];
            if (CellDirectives.IsCellMagic(trimmed))
            {
                var magic = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
                if (!CSharpMagics.Contains(magic, StringComparer.Ordinal))
                {
                    throw new CellMagicException(i + 1, magic);
                }

                code[i] = "";
            }
            else if (IsDirective(trimmed, "#r") || IsDirective(trimmed, "#load"))
            {
                directives[i] = lines[i];
                code[i] = "";
                anyDirective = true;
                if (IsDirective(trimmed, "#r") && ReferenceText(trimmed) is { } reference && NuGetReference.IsNuGet(reference))
                {
                    nuget.Add((i + 1, reference));
                }
            }
        }

        return new CellSource(anyDirective ? string.Join('\n', directives) : null, string.Join('\n', code), nuget);
    }

    /// <summary>The expression of a final statement written without its semicolon (the cell's value), or null.</summary>
    public static ExpressionSyntax? TrailingExpression(SyntaxTree tree)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot();
        return root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
               && statement.SemicolonToken.IsMissing
            ? statement.Expression
            : null;
    }

    private static bool IsDirective(string trimmed, string name) => CellDirectives.IsDirective(trimmed, name);

    private static string? ReferenceText(string trimmed)
    {
        var first = trimmed.IndexOf('"', StringComparison.Ordinal);
        var last = trimmed.LastIndexOf('"');
        return first >= 0 && last > first ? trimmed[(first + 1)..last] : null;
    }
}

/// <summary>A cell uses a cell magic the engine does not run (only <c>#!csharp</c> / <c>#!c#</c> are accepted).</summary>
internal sealed class CellMagicException(int line, string magic)
    : Exception($"line {line}: cell magic {magic} is not supported; this engine runs C# only (#!csharp is accepted and ignored).")
{
    public int Line { get; } = line;
}

using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiLabelContrastive.Notebooks.Execution;

namespace MultiLabelContrastive.Kernel.Language;

/// <summary>Cell text helpers for the language services: blanking directive lines (which Roslyn accepts only before
/// the first token, and which the engine resolves itself) without moving any other character, and converting the
/// protocol's cursor positions (Unicode code points) to and from .NET string indices (UTF-16 code units).</summary>
internal static class CellText
{
    /// <summary>Parse options of a cell: C# script, latest language version.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    /// <summary>The code with every <c>#r</c>, <c>#load</c> and <c>#!</c> line replaced by spaces of the same length
    /// (<see cref="CellDirectives"/>: the engine's own grammar).</summary>
    public static string BlankDirectives(string code)
    {
        var text = new StringBuilder(code);
        var lineStart = 0;
        while (lineStart <= code.Length)
        {
            var lineEnd = code.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = code.Length;
            }

            if (CellDirectives.IsDirectiveLine(code.AsSpan(lineStart, lineEnd - lineStart)))
            {
                for (var i = lineStart; i < lineEnd; i++)
                {
                    if (code[i] != '\r')
                    {
                        text[i] = ' ';
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        return text.ToString();
    }

    /// <summary>The UTF-16 index of a position given in code points (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var seen = 0; index < text.Length && seen < codePoints; seen++)
        {
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        }

        return Math.Min(index, text.Length);
    }

    /// <summary>The code-point position of a UTF-16 index.</summary>
    public static int ToCodePoints(string text, int utf16)
    {
        var codePoints = 0;
        for (var index = 0; index < Math.Min(utf16, text.Length); codePoints++)
        {
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        }

        return codePoints;
    }

    /// <summary>Whether <paramref name="c"/> can be part of an identifier.</summary>
    public static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}

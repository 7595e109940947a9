using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiLabelContrastive.Notebooks.Execution;

namespace MultiLabelContrastive.Notebooks.Report;

/// <summary>Offline syntax highlighting of C# cells with Roslyn's own lexer: keywords, strings, numbers, comments and
/// directives become <c>&lt;span class="c-…"&gt;</c>; everything is HTML-escaped. No script, no network.</summary>
internal static class CSharpHighlighter
{
    private static readonly HashSet<string> ContextualKeywords =
    [
        "var", "async", "await", "record", "init", "required", "dynamic", "nameof", "when", "yield", "get", "set",
        "value", "global", "where", "select", "from", "in", "let", "orderby", "group", "by", "into", "join", "on",
        "equals", "with", "and", "or", "not", "file", "scoped", "managed", "unmanaged", "notnull",
    ];

    public static string ToHtml(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, CellSource.ParseOptions).GetRoot();
        var html = new StringBuilder();
        foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
        {
            AppendTrivia(html, token.LeadingTrivia);
            Append(html, token.Text, ClassOf(token));
            AppendTrivia(html, token.TrailingTrivia);
        }

        return html.ToString();
    }

    private static void AppendTrivia(StringBuilder html, SyntaxTriviaList trivia)
    {
        foreach (var t in trivia)
        {
            var css = t.Kind() switch
            {
                SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia
                    or SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia => "c-comment",
                SyntaxKind.DisabledTextTrivia => "c-comment",
                _ when t.IsDirective || t.IsKind(SyntaxKind.ShebangDirectiveTrivia) || t.IsKind(SyntaxKind.BadDirectiveTrivia) => "c-directive",
                _ => null,
            };
            Append(html, t.ToFullString(), css);
        }
    }

    private static string? ClassOf(SyntaxToken token)
    {
        var kind = token.Kind();
        if (SyntaxFacts.IsKeywordKind(kind))
        {
            return "c-kw";
        }

        return kind switch
        {
            SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringStartToken
                or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedStringTextToken
                or SyntaxKind.InterpolatedVerbatimStringStartToken or SyntaxKind.InterpolatedRawStringEndToken
                or SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                or SyntaxKind.Utf8StringLiteralToken => "c-str",
            SyntaxKind.NumericLiteralToken => "c-num",
            SyntaxKind.IdentifierToken when ContextualKeywords.Contains(token.ValueText) => "c-kw",
            SyntaxKind.IdentifierToken when token.ValueText.Length > 0 && char.IsUpper(token.ValueText[0]) => "c-type",
            _ => null,
        };
    }

    private static void Append(StringBuilder html, string text, string? css)
    {
        if (text.Length == 0)
        {
            return;
        }

        var encoded = WebUtility.HtmlEncode(text);
        if (css is null)
        {
            html.Append(encoded);
        }
        else
        {
            html.Append("<span class=\"").Append(css).Append("\">").Append(encoded).Append("</span>");
        }
    }
}

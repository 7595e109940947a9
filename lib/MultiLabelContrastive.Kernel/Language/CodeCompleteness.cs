using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiLabelContrastive.Kernel.Language;

/// <summary>
/// Answers <c>is_complete_request</c> (console front ends ask it before sending a cell on Enter): <c>incomplete</c>
/// while a brace, bracket, parenthesis, string or comment is still open (Roslyn's <see cref="SyntaxFactory.IsCompleteSubmission"/>),
/// <c>invalid</c> when complete but with syntax errors, else <c>complete</c>.
/// </summary>
internal static class CodeCompleteness
{
    /// <summary>Indentation per open brace suggested for the next line.</summary>
    public const string IndentUnit = "    ";

    /// <summary>The status and, when incomplete, the indentation of the next line.</summary>
    public static (string Status, string Indent) Check(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var clean = CellText.BlankDirectives(code);
        if (string.IsNullOrWhiteSpace(clean))
        {
            return ("complete", "");
        }

        var tree = CSharpSyntaxTree.ParseText(clean, CellText.ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            var depth = 0;
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.OpenBraceToken))
                {
                    depth++;
                }
                else if (token.IsKind(SyntaxKind.CloseBraceToken) && !token.IsMissing)
                {
                    depth = Math.Max(0, depth - 1);
                }
            }

            return ("incomplete", string.Concat(Enumerable.Repeat(IndentUnit, depth)));
        }

        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? ("invalid", "") : ("complete", "");
    }
}

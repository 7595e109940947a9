using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiLabelContrastive.Notebooks.Execution;

/// <summary>
/// Inserts <c>CellInterrupt.Check();</c> at the top of every loop body of a cell (while, do, for, foreach), so that
/// a timeout or an interrupt stops a cell that loops forever. Insertions never add a line break: line numbers of
/// compile errors and stack traces stay those of the cell; <see cref="Instrumented.OriginalColumn"/> maps columns back.
/// </summary>
internal static class LoopInterrupts
{
    public const string CheckCall = "global::MultiLabelContrastive.Notebooks.Execution.CellInterrupt.Check();";

    public static Instrumented Instrument(string code, CSharpParseOptions parseOptions)
    {
        var root = CSharpSyntaxTree.ParseText(code, parseOptions).GetRoot();
        var insertions = new List<(int Position, string Text)>();
        foreach (var loop in root.DescendantNodes().OfType<StatementSyntax>())
        {
            var body = loop switch
            {
                WhileStatementSyntax w => w.Statement,
                DoStatementSyntax d => d.Statement,
                ForStatementSyntax f => f.Statement,
                CommonForEachStatementSyntax f => f.Statement,
                _ => null,
            };
            if (body is null || body.IsMissing)
            {
                continue;
            }

            if (body is BlockSyntax block)
            {
                if (!block.OpenBraceToken.IsMissing)
                {
                    insertions.Add((block.OpenBraceToken.Span.End, " " + CheckCall));
                }
            }
            else
            {
                insertions.Add((body.SpanStart, "{ " + CheckCall + " "));
                insertions.Add((body.Span.End, " }"));
            }
        }

        var ordered = insertions.OrderBy(i => i.Position).ToList();
        var text = code;
        foreach (var (position, insert) in Enumerable.Reverse(ordered))
        {
            text = text.Insert(position, insert);
        }

        return new Instrumented(text, ordered);
    }

    /// <summary>Instrumented code and where text was inserted (positions in the original code, ascending).</summary>
    internal sealed record Instrumented(string Code, IReadOnlyList<(int Position, string Text)> Insertions)
    {
        /// <summary>Maps a 0-based column on a 0-based line of the instrumented code back to the original code.</summary>
        public int OriginalColumn(string originalCode, int line, int column)
        {
            var lineStart = LineStart(originalCode, line);
            if (lineStart < 0)
            {
                return column;
            }

            var nextLineStart = LineStart(originalCode, line + 1);
            var shift = 0;
            foreach (var (position, text) in Insertions)
            {
                if (position < lineStart)
                {
                    continue;
                }

                if (nextLineStart >= 0 && position >= nextLineStart)
                {
                    break;
                }

                var insertedAt = position - lineStart + shift;
                if (column < insertedAt)
                {
                    break;
                }

                if (column < insertedAt + text.Length)
                {
                    return position - lineStart;
                }

                shift += text.Length;
            }

            return column - shift;
        }

        private static int LineStart(string code, int line)
        {
            var position = 0;
            for (var i = 0; i < line; i++)
            {
                position = code.IndexOf('\n', position);
                if (position < 0)
                {
                    return -1;
                }

                position++;
            }

            return position;
        }
    }
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Notebooks.Report;

/// <summary>
/// Takes the math out of a markdown cell before Markdig sees it and puts it back afterwards, so that emphasis, escapes
/// and tables never touch TeX (<c>$a_i * b_i$</c> stays one formula, <c>\{</c> keeps its backslash). The delimiters are
/// the ones Jupyter and VS Code render: <c>$…$</c> and <c>$$…$$</c>, plus <c>\(…\)</c>, <c>\[…\]</c> and
/// <c>\begin{env}…\end{env}</c>. Code spans and fenced code blocks are left alone; <c>\$</c> is a literal dollar.
/// Inline <c>$…$</c> follows Pandoc's rule, as VS Code's renderer does: no space after the opening or before the closing
/// dollar, no digit right after the closing one ("$5 and $10" is text), no blank line inside.
/// The restored math is HTML-escaped TeX in <c>&lt;span class="math math-inline"&gt;</c> or
/// <c>&lt;span class="math math-display"&gt;</c>; the report's math script typesets it with KaTeX.
/// </summary>
/// <remarks>A hand-written scanner rather than Markdig's math extension: that extension knows only dollars, and a
/// CommonMark parser turns <c>\(</c> into <c>(</c> before any extension could see it.</remarks>
internal static partial class MarkdownMath
{
    private const string Mark = "KATEXMATHSPAN";

    /// <summary>One formula: its TeX (without delimiters) and whether it is displayed on its own line.</summary>
    public readonly record struct Formula(string Tex, bool Display);

    /// <summary>The markdown with every formula replaced by a placeholder word, and the formulas in order.</summary>
    public static (string Text, IReadOnlyList<Formula> Formulas) Protect(string markdown)
    {
        var text = new StringBuilder(markdown.Length);
        var formulas = new List<Formula>();
        var i = 0;
        while (i < markdown.Length)
        {
            if (AtLineStart(markdown, i) && FenceEnd(markdown, i) is { } fenceEnd)
            {
                text.Append(markdown, i, fenceEnd - i);
                i = fenceEnd;
                continue;
            }

            var c = markdown[i];
            int end;
            switch (c)
            {
                case '`':
                    end = CodeSpanEnd(markdown, i);
                    text.Append(markdown, i, end - i);
                    i = end;
                    continue;
                case '\\' when i + 1 < markdown.Length:
                    if (TryDelimited(markdown, i, "\\(", "\\)", display: false, formulas, text, out end)
                        || TryDelimited(markdown, i, "\\[", "\\]", display: true, formulas, text, out end)
                        || TryEnvironment(markdown, i, formulas, text, out end))
                    {
                        i = end;
                        continue;
                    }

                    text.Append(markdown, i, 2); // an escape such as \$ or \*: kept for Markdig
                    i += 2;
                    continue;
                case '$' when i + 1 < markdown.Length && markdown[i + 1] == '$':
                    if (TryDelimited(markdown, i, "$$", "$$", display: true, formulas, text, out end))
                    {
                        i = end;
                        continue;
                    }

                    text.Append("$$");
                    i += 2;
                    continue;
                case '$':
                    if (InlineDollarEnd(markdown, i) is { } close)
                    {
                        Add(formulas, text, markdown[(i + 1)..close], display: false);
                        i = close + 1;
                        continue;
                    }

                    break;
            }

            text.Append(c);
            i++;
        }

        return (text.ToString(), formulas);
    }

    /// <summary>Puts the formulas back into Markdig's HTML as escaped TeX in math spans; placeholders that ended up
    /// lower-cased in heading ids are dropped from the ids.</summary>
    public static string Restore(string html, IReadOnlyList<Formula> formulas)
    {
        if (formulas.Count == 0)
        {
            return html;
        }

        html = Placeholder().Replace(html, m =>
        {
            var formula = formulas[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
            return $"<span class=\"math {(formula.Display ? "math-display" : "math-inline")}\">{WebUtility.HtmlEncode(formula.Tex)}</span>";
        });
        return LowerPlaceholder().Replace(html, "math");
    }

    /// <summary>The text with each formula replaced by its TeX (for a page's &lt;title&gt;).</summary>
    public static string ToPlainText(string markdown)
    {
        var (text, formulas) = Protect(markdown);
        return Placeholder().Replace(text, m => formulas[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Tex.Trim());
    }

    private static void Add(List<Formula> formulas, StringBuilder text, string tex, bool display)
    {
        text.Append(Mark).Append(formulas.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('Z');
        formulas.Add(new Formula(tex, display));
    }

    private static bool TryDelimited(string s, int i, string open, string close, bool display, List<Formula> formulas, StringBuilder text, out int end)
    {
        end = i;
        if (string.CompareOrdinal(s, i, open, 0, open.Length) != 0)
        {
            return false;
        }

        var start = i + open.Length;
        var j = start;
        while (j < s.Length)
        {
            if (string.CompareOrdinal(s, j, close, 0, close.Length) == 0 && j > start)
            {
                Add(formulas, text, s[start..j], display);
                end = j + close.Length;
                return true;
            }

            if (open == "$$" && BlankLineAt(s, j))
            {
                return false; // $$ … blank line: not a formula (as in Jupyter, a paragraph break ends it)
            }

            j += s[j] == '\\' && open == "$$" ? 2 : 1; // inside $$, \$ is a dollar of the formula
        }

        return false;
    }

    private static bool TryEnvironment(string s, int i, List<Formula> formulas, StringBuilder text, out int end)
    {
        end = i;
        var begin = BeginEnvironment().Match(s, i);
        if (!begin.Success || begin.Index != i)
        {
            return false;
        }

        var closing = $"\\end{{{begin.Groups[1].Value}}}";
        var at = s.IndexOf(closing, i + begin.Length, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        end = at + closing.Length;
        Add(formulas, text, s[i..end], display: true);
        return true;
    }

    /// <summary>The index of the closing dollar of an inline formula opened at <paramref name="i"/>, or null.</summary>
    private static int? InlineDollarEnd(string s, int i)
    {
        if (i + 1 >= s.Length || char.IsWhiteSpace(s[i + 1]))
        {
            return null;
        }

        for (var j = i + 1; j < s.Length; j++)
        {
            switch (s[j])
            {
                case '\\':
                    j++; // \$ inside a formula is a dollar sign of the formula
                    continue;
                case '\n' when BlankLineAt(s, j):
                    return null;
                case '$':
                    var closes = !char.IsWhiteSpace(s[j - 1]) && (j + 1 >= s.Length || !char.IsAsciiDigit(s[j + 1]));
                    return closes ? j : null;
            }
        }

        return null;
    }

    private static bool BlankLineAt(string s, int j)
    {
        if (s[j] != '\n')
        {
            return false;
        }

        for (var k = j + 1; k < s.Length && s[k] != '\n'; k++)
        {
            if (!char.IsWhiteSpace(s[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AtLineStart(string s, int i) => i == 0 || s[i - 1] == '\n';

    /// <summary>The end (after its closing fence line, or the end of the text) of a fenced code block starting at line
    /// start <paramref name="i"/>, or null when the line opens no fence.</summary>
    private static int? FenceEnd(string s, int i)
    {
        var open = Fence().Match(s, i);
        if (!open.Success || open.Index != i)
        {
            return null;
        }

        var fence = open.Groups[1].Value;
        var lineEnd = s.IndexOf('\n', i);
        if (lineEnd < 0)
        {
            return s.Length;
        }

        var k = lineEnd + 1;
        while (k < s.Length)
        {
            var next = s.IndexOf('\n', k);
            var line = next < 0 ? s[k..] : s[k..next];
            var trimmed = line.TrimStart(' ');
            if (line.Length - trimmed.Length <= 3 && trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim().All(ch => ch == fence[0]))
            {
                return next < 0 ? s.Length : next + 1;
            }

            if (next < 0)
            {
                break;
            }

            k = next + 1;
        }

        return s.Length;
    }

    /// <summary>The end of a code span opened by the backtick run at <paramref name="i"/> (CommonMark: closed by a run of
    /// the same length), or the end of the run when nothing closes it.</summary>
    private static int CodeSpanEnd(string s, int i)
    {
        var run = 0;
        while (i + run < s.Length && s[i + run] == '`')
        {
            run++;
        }

        var k = i + run;
        while (k < s.Length)
        {
            var at = s.IndexOf('`', k);
            if (at < 0)
            {
                break;
            }

            var length = 0;
            while (at + length < s.Length && s[at + length] == '`')
            {
                length++;
            }

            if (length == run)
            {
                return at + length;
            }

            k = at + length;
        }

        return i + run;
    }

    [GeneratedRegex(Mark + "([0-9]+)Z")]
    private static partial Regex Placeholder();

    [GeneratedRegex("katexmathspan[0-9]+z")]
    private static partial Regex LowerPlaceholder();

    [GeneratedRegex(@"\\begin\{([A-Za-z]+\*?)\}")]
    private static partial Regex BeginEnvironment();

    [GeneratedRegex(@"\G {0,3}(```+|~~~+)")]
    private static partial Regex Fence();
}

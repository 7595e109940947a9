using System.Text;

namespace DataScripts.Common;

/// <summary>Text normalisation of the ICD-coding literature.</summary>
internal static class ClinicalText
{
    /// <summary>
    /// MIMIC-III, after Mullenbach et al. 2018 (CAML): split into word tokens (runs of letters, digits and '_', like
    /// Python's <c>\w+</c>), drop tokens made only of digits ("500" goes, "250mg" stays), lowercase, join with single spaces.
    /// </summary>
    public static string Mullenbach(string text)
    {
        var output = new StringBuilder(text.Length);
        var token = new StringBuilder();
        void Flush()
        {
            if (token.Length == 0) return;
            var numeric = true;
            for (var i = 0; i < token.Length && numeric; i++) numeric = char.IsDigit(token[i]);
            if (!numeric)
            {
                if (output.Length > 0) output.Append(' ');
                output.Append(token.ToString().ToLowerInvariant());
            }
            token.Clear();
        }
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || ch == '_') token.Append(ch);
            else Flush();
        }
        Flush();
        return output.ToString();
    }

    /// <summary>
    /// MIMIC-IV, after Edin et al. 2023: lowercase, every run of characters other than ASCII letters and digits becomes
    /// one space, tokens made only of digits are removed, spaces collapsed and trimmed.
    /// </summary>
    public static string Edin(string text)
    {
        var output = new StringBuilder(text.Length);
        var token = new StringBuilder();
        void Flush()
        {
            if (token.Length == 0) return;
            var numeric = true;
            for (var i = 0; i < token.Length && numeric; i++) numeric = token[i] is >= '0' and <= '9';
            if (!numeric)
            {
                if (output.Length > 0) output.Append(' ');
                output.Append(token);
            }
            token.Clear();
        }
        foreach (var ch in text)
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') token.Append(ch);
            else if (ch is >= 'A' and <= 'Z') token.Append(char.ToLowerInvariant(ch));
            else Flush();
        }
        Flush();
        return output.ToString();
    }
}

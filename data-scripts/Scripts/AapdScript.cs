using System.Globalization;
using System.Text.RegularExpressions;
using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Scripts;

/// <summary>
/// aapd: the Arxiv Academic Paper Dataset of Yang et al. 2018 (SGM) in its official files text_{train,val,test} (one
/// abstract per line) and label_{train,val,test} (the subject labels of that line, space-separated, e.g. "cs.IT math.IT").
/// --split official keeps the official 53,840 / 1,000 / 1,000 split; --split resplit pools all rows and draws test
/// (--test-fraction, 0.2) and then validation (--validation-fraction of the rest, 0.15) by a seeded shuffle, the
/// proportions of Table I (37.8k / 6.7k / 11.3k).
/// </summary>
internal static partial class AapdScript
{
    public static void Run(string folder, string split, int seed, double testFraction, double validationFraction, string? labelsFile,
        string output, bool force, Report report)
    {
        if (split is not ("official" or "resplit")) throw new DataScriptException($"--split must be official or resplit, not '{split}'.");
        if (testFraction is <= 0 or >= 1 || validationFraction is <= 0 or >= 1)
            throw new DataScriptException("--test-fraction and --validation-fraction must lie in (0, 1).");
        var known = labelsFile is null ? null : Mimic3Script.ReadCodeList(labelsFile).ToHashSet(StringComparer.Ordinal);
        var parts = new Dictionary<string, List<(string Id, string Text, string[] Labels)>>();
        foreach (var (name, suffix) in new[] { ("train", "train"), ("validation", "val"), ("test", "test") })
        {
            var textPath = RawFiles.Find(folder, $"text_{suffix}");
            var labelPath = RawFiles.Find(folder, $"label_{suffix}");
            var texts = RawFiles.ReadLines(textPath);
            var labels = RawFiles.ReadLines(labelPath);
            if (texts.Count == 0) throw new DataScriptException($"Empty input: '{textPath}' has no lines.");
            if (texts.Count != labels.Count)
                throw new DataScriptException($"text_{suffix} has {texts.Count:N0} lines but label_{suffix} has {labels.Count:N0}; they must pair up line by line.");
            var rows = new List<(string, string, string[])>();
            for (var i = 0; i < texts.Count; i++)
            {
                var codes = labels[i].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (codes.Length == 0) throw new DataScriptException($"label_{suffix}, line {i + 1}: no label.");
                foreach (var code in codes)
                    if ((known is not null && !known.Contains(code)) || (known is null && !Subject().IsMatch(code)))
                        throw new DataScriptException($"label_{suffix}, line {i + 1}: unexpected label '{code}'.");
                if (texts[i].Trim().Length == 0) throw new DataScriptException($"text_{suffix}, line {i + 1}: empty abstract.");
                rows.Add(($"{suffix}:{(i + 1).ToString(CultureInfo.InvariantCulture)}", texts[i].Trim(), codes.Distinct().ToArray()));
            }
            parts[name] = rows;
            report.Line($"Read text_{suffix} / label_{suffix}: {rows.Count:N0} rows");
        }
        if (split == "resplit")
        {
            var pool = parts.Values.SelectMany(r => r).ToArray();
            Splits.Shuffle(pool, seed);
            var test = (int)Math.Round(pool.Length * testFraction);
            var validation = (int)Math.Round((pool.Length - test) * validationFraction);
            parts["test"] = pool[..test].ToList();
            parts["validation"] = pool[test..(test + validation)].ToList();
            parts["train"] = pool[(test + validation)..].ToList();
        }
        var labelNames = (known?.AsEnumerable() ?? parts.Values.SelectMany(r => r).SelectMany(r => r.Labels)).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var column = labelNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var info = new PreparedDatasetInfo
        {
            Name = "aapd", Kind = InputKind.Tokens, LabelNames = labelNames,
            Description = split == "official"
                ? "AAPD (Yang et al. 2018): arXiv abstracts with subject labels, official train/validation/test split."
                : FormattableString.Invariant($"AAPD (Yang et al. 2018): arXiv abstracts with subject labels, pooled and re-split (seed {seed}, test {testFraction}, validation {validationFraction} of the rest)."),
            Source = $"data-scripts aapd --split {split}" + (split == "resplit" ? $" --seed {seed}" : ""),
        };
        PreparedOutput.Write(output, force, info, writer =>
        {
            foreach (var (name, rows) in parts)
                foreach (var row in rows)
                    writer.AddText(name, row.Id, row.Labels.Select(l => column[l]).ToArray(), row.Text);
        }, report, split == "official"
            ? "train 53,840 / validation 1,000 / test 1,000 rows, 54 labels, 2.4 labels per row (official split)"
            : "train 37.8k / validation 6.7k / test 11.3k rows, 54 labels, 2.4 labels per row");
    }

    [GeneratedRegex(@"^[a-z][a-z\-]*(\.[A-Za-z][A-Za-z\-]*)?$")]
    private static partial Regex Subject();
}

using System.Globalization;
using System.Text;
using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Scripts;

/// <summary>
/// mimic3: MIMIC-III v1.4 discharge summaries with their ICD-9 diagnosis and procedure codes, in the splits of
/// Mullenbach et al. 2018 (CAML): full (all codes) or 50 (the 50 most frequent codes).
/// </summary>
/// <remarks>
/// Steps (following CAML's data processing): codes of DIAGNOSES_ICD and PROCEDURES_ICD get their dots (diagnoses after 3
/// characters, E codes after 4, procedures after 2) so the two systems cannot collide; notes of NOTEEVENTS with CATEGORY
/// "Discharge summary" (reports and addenda) are normalised (word tokens, numbers-only tokens dropped, lowercase) and
/// concatenated per HADM_ID in file order; an admission is a row when it has a note and at least one code; rows are
/// assigned to splits by the user's *_hadm_ids.csv files (in their order). Full: the label space is every code of the
/// three splits. 50: the 50 codes most frequent over all admissions with a note (admission counts; ties by code), or
/// the list given with --codes; admissions without any of them are dropped (as CAML does).
/// </remarks>
internal static class Mimic3Script
{
    public static void Run(string mimicFolder, string splitsFolder, string setting, string? codesFile, string output, bool force, Report report)
    {
        if (setting is not ("full" or "50")) throw new DataScriptException($"--setting must be full or 50, not '{setting}'.");
        var diagnoses = RawFiles.Find(mimicFolder, "DIAGNOSES_ICD.csv");
        var procedures = RawFiles.Find(mimicFolder, "PROCEDURES_ICD.csv");
        var notes = RawFiles.Find(mimicFolder, "NOTEEVENTS.csv");
        var splitFiles = PreparedFormat.SplitNames.ToDictionary(s => s,
            s => RawFiles.Find(splitsFolder, $"{(s == "validation" ? "dev" : s)}_{setting}_hadm_ids.csv"));

        var codes = new Dictionary<string, SortedSet<string>>();
        ReadCodes(diagnoses, diagnosis: true, codes, report);
        ReadCodes(procedures, diagnosis: false, codes, report);
        var texts = ReadNotes(notes, report);

        var admissions = texts.Keys.Where(codes.ContainsKey).ToHashSet();
        report.Line($"Admissions with a discharge summary: {texts.Count:N0}; with codes as well: {admissions.Count:N0}");
        if (admissions.Count == 0) throw new DataScriptException($"Empty input: no admission has both a discharge summary in {Path.GetFileName(notes)} and a code.");

        var splits = splitFiles.ToDictionary(kv => kv.Key, kv => ReadIds(kv.Value));
        string[] labelNames;
        if (setting == "full")
        {
            labelNames = splits.Values.SelectMany(ids => ids).Where(admissions.Contains).SelectMany(id => codes[id])
                .Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        }
        else
        {
            var top = codesFile is not null
                ? ReadCodeList(codesFile)
                : admissions.SelectMany(id => codes[id]).GroupBy(c => c)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(50).Select(g => g.Key).ToArray();
            labelNames = top.OrderBy(c => c, StringComparer.Ordinal).ToArray();
        }
        var column = labelNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        var info = new PreparedDatasetInfo
        {
            Name = $"mimic3-{setting}", Kind = InputKind.Tokens, LabelNames = labelNames,
            Description = $"MIMIC-III v1.4 discharge summaries (reports and addenda, CAML normalisation) with ICD-9 diagnosis and procedure codes, " +
                          $"{(setting == "full" ? "all codes" : "the 50 most frequent codes")}, splits of Mullenbach et al. 2018.",
            Source = $"data-scripts mimic3 --setting {setting}",
        };
        PreparedOutput.Write(output, force, info, writer =>
        {
            foreach (var (split, ids) in splits)
            {
                int missing = 0, dropped = 0;
                foreach (var id in ids)
                {
                    if (!admissions.Contains(id)) { missing++; continue; }
                    var labels = codes[id].Where(column.ContainsKey).Select(c => column[c]).ToArray();
                    if (labels.Length == 0) { dropped++; continue; }
                    writer.AddText(split, id, labels, texts[id].ToString());
                }
                report.Line($"  {split}: {ids.Count:N0} ids in {Path.GetFileName(splitFiles[split])}; " +
                            $"{missing:N0} without note or codes, {dropped:N0} without a code of the label space");
            }
        }, report, setting == "full"
            ? "train 47,723 / validation 1,631 / test 3,372 rows, 8,692 labels, 15.7 labels per row"
            : "train 8,066 / validation 1,573 / test 1,729 rows, 50 labels, 5.7 labels per row");
    }

    private static void ReadCodes(string path, bool diagnosis, Dictionary<string, SortedSet<string>> codes, Report report)
    {
        report.Line($"Reading {Path.GetFileName(path)}");
        using var csv = CsvReader.Open(path, "HADM_ID", "ICD9_CODE");
        int hadm = csv.Column("HADM_ID"), code = csv.Column("ICD9_CODE");
        int empty = 0;
        while (csv.Next() is { } row)
        {
            report.Progress(csv.FileName, csv.RecordsRead);
            var id = row[hadm].Trim();
            var raw = row[code].Trim();
            if (id.Length == 0 || raw.Length == 0) { empty++; continue; }
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new DataScriptException($"{csv.Where}: HADM_ID '{id}' is not a number.");
            var formatted = IcdCodes.Format(raw, 9, diagnosis)
                            ?? throw new DataScriptException($"{csv.Where}: unexpected ICD-9 {(diagnosis ? "diagnosis" : "procedure")} code '{raw}'.");
            if (!codes.TryGetValue(id, out var set)) codes[id] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(formatted);
        }
        if (csv.RecordsRead == 0) throw new DataScriptException($"Empty input: {csv.FileName} has a header but no rows.");
        report.Line($"  {csv.RecordsRead:N0} rows, {empty:N0} without admission or code skipped");
    }

    private static Dictionary<string, StringBuilder> ReadNotes(string path, Report report)
    {
        report.Line($"Reading {Path.GetFileName(path)} (discharge summaries)");
        using var csv = CsvReader.Open(path, "HADM_ID", "CATEGORY", "TEXT");
        int hadm = csv.Column("HADM_ID"), category = csv.Column("CATEGORY"), text = csv.Column("TEXT");
        var texts = new Dictionary<string, StringBuilder>();
        var summaries = 0;
        while (csv.Next() is { } row)
        {
            report.Progress(csv.FileName, csv.RecordsRead);
            if (row[category] != "Discharge summary") continue;
            var id = row[hadm].Trim();
            if (id.Length == 0) continue;
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new DataScriptException($"{csv.Where}: HADM_ID '{id}' is not a number.");
            summaries++;
            var normalised = ClinicalText.Mullenbach(row[text]);
            if (texts.TryGetValue(id, out var existing)) existing.Append(' ').Append(normalised);
            else texts[id] = new StringBuilder(normalised);
        }
        if (csv.RecordsRead == 0) throw new DataScriptException($"Empty input: {csv.FileName} has a header but no rows.");
        report.Line($"  {csv.RecordsRead:N0} notes, {summaries:N0} discharge summaries");
        return texts;
    }

    internal static List<string> ReadIds(string path)
    {
        var ids = new List<string>();
        var lines = RawFiles.ReadLines(path);
        for (var i = 0; i < lines.Count; i++)
        {
            var id = lines[i].Trim().Split(',')[0].Trim();
            if (id.Length == 0) continue;
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                if (i == 0) continue; // a header line such as "HADM_ID"
                throw new DataScriptException($"{Path.GetFileName(path)}, line {i + 1}: '{id}' is not an admission id.");
            }
            ids.Add(id);
        }
        if (ids.Count == 0) throw new DataScriptException($"Empty input: {Path.GetFileName(path)} lists no admission ids ('{path}').");
        return ids;
    }

    internal static string[] ReadCodeList(string path)
    {
        var full = RawFiles.Require(path, "--codes");
        var codes = RawFiles.ReadLines(full).Select(l => l.Split(',')[0].Trim()).Where(l => l.Length > 0).ToArray();
        if (codes.Length == 0) throw new DataScriptException($"Empty input: --codes '{full}' lists no codes.");
        return codes.Distinct().ToArray();
    }
}

using System.Globalization;
using System.Text;
using DataScripts.Common;
using MultiLabelContrastive.Data;
using MultiLabelContrastive.Data.Prepared;

namespace DataScripts.Scripts;

/// <summary>
/// mimic4: MIMIC-IV v2.2 discharge notes (MIMIC-IV-Note) with ICD-9 or ICD-10 codes, after Edin et al. 2023 (the
/// MIMIC-IV ICD-coding benchmark of Nguyen et al. 2023 / Edin et al. 2023), full or top-50, in user-supplied splits.
/// </summary>
/// <remarks>
/// Steps: codes of hosp/diagnoses_icd and hosp/procedures_icd of the chosen icd_version get their dots (ICD-9 as in
/// MIMIC-III; ICD-10-CM after 3 characters; ICD-10-PCS none); note/discharge texts are normalised (lowercase,
/// non-alphanumerics to spaces, numbers-only tokens removed) and concatenated per hadm_id (exact duplicates dropped);
/// an admission with a note and a code is a row; codes seen in fewer than --min-count rows (10 in Edin et al.) are
/// removed, diagnoses and procedures counted separately, and rows left without codes are dropped. Full: every remaining
/// code. 50: the 50 most frequent remaining codes (or --codes), rows without any dropped. Splits come from
/// Edin et al.'s mimiciv_icd{9,10}_split.feather (read directly) or a CSV with columns _id (or hadm_id) and split (train, val, test).
/// </remarks>
internal static class Mimic4Script
{
    public static void Run(string mimicFolder, string? notesFolder, string splitsFile, int icd, string setting, int minCount,
        string? codesFile, string output, bool force, Report report)
    {
        if (icd is not (9 or 10)) throw new DataScriptException($"--icd must be 9 or 10, not {icd}.");
        if (setting is not ("full" or "50")) throw new DataScriptException($"--setting must be full or 50, not '{setting}'.");
        if (minCount < 1) throw new DataScriptException($"--min-count must be ≥ 1, not {minCount}.");
        var diagnoses = Find(mimicFolder, "hosp", "diagnoses_icd.csv");
        var procedures = Find(mimicFolder, "hosp", "procedures_icd.csv");
        var notes = Find(notesFolder ?? mimicFolder, "note", "discharge.csv");
        var splitPath = RawFiles.Require(splitsFile, "--splits");

        var diagnosisCodes = ReadCodes(diagnoses, icd, diagnosis: true, report);
        var procedureCodes = ReadCodes(procedures, icd, diagnosis: false, report);
        var texts = ReadNotes(notes, report);

        var rows = texts.Keys.Where(id => diagnosisCodes.ContainsKey(id) || procedureCodes.ContainsKey(id)).ToHashSet();
        if (rows.Count == 0) throw new DataScriptException($"Empty input: no admission has both a discharge note and an ICD-{icd} code.");
        var keepDiagnoses = Frequent(diagnosisCodes, rows, minCount);
        var keepProcedures = Frequent(procedureCodes, rows, minCount);
        var targets = new Dictionary<string, string[]>();
        foreach (var id in rows)
        {
            var set = diagnosisCodes.GetValueOrDefault(id, []).Where(keepDiagnoses.Contains)
                .Concat(procedureCodes.GetValueOrDefault(id, []).Where(keepProcedures.Contains)).Distinct().ToArray();
            if (set.Length > 0) targets[id] = set;
        }
        report.Line($"Admissions with a note and ICD-{icd} codes: {rows.Count:N0}; with codes seen ≥ {minCount} times: {targets.Count:N0}");

        string[] labelNames;
        if (setting == "full")
            labelNames = targets.Values.SelectMany(c => c).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        else
            labelNames = (codesFile is not null
                    ? Mimic3Script.ReadCodeList(codesFile)
                    : targets.Values.SelectMany(c => c).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                        .Take(50).Select(g => g.Key).ToArray())
                .OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var column = labelNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var splits = ReadSplits(splitPath);

        var info = new PreparedDatasetInfo
        {
            Name = $"mimic4-icd{icd}-{setting}", Kind = InputKind.Tokens, LabelNames = labelNames,
            Description = $"MIMIC-IV v2.2 discharge notes (Edin et al. 2023 normalisation) with ICD-{icd} diagnosis and procedure codes seen in ≥ {minCount} admissions, " +
                          $"{(setting == "full" ? "all such codes" : "the 50 most frequent codes")}, splits from '{Path.GetFileName(splitPath)}'.",
            Source = $"data-scripts mimic4 --icd {icd} --setting {setting} --min-count {minCount}",
        };
        PreparedOutput.Write(output, force, info, writer =>
        {
            foreach (var split in PreparedFormat.SplitNames)
            {
                int missing = 0, dropped = 0;
                var ids = splits[split];
                foreach (var id in ids)
                {
                    if (!targets.TryGetValue(id, out var codes)) { missing++; continue; }
                    var labels = codes.Where(column.ContainsKey).Select(c => column[c]).ToArray();
                    if (labels.Length == 0) { dropped++; continue; }
                    writer.AddText(split, id, labels, texts[id].ToString());
                }
                report.Line($"  {split}: {ids.Count:N0} ids in the split file; {missing:N0} without note or kept codes, {dropped:N0} without a code of the label space");
            }
        }, report, (icd, setting) switch
        {
            (9, "full") => "train 188,533 / validation 7,110 / test 13,709 rows, 11,145 labels, 13.4 labels per row",
            (9, _) => "train 170,664 / validation 6,406 / test 12,405 rows, 50 labels, 4.7 labels per row",
            (10, "full") => "train 110,442 / validation 4,017 / test 7,851 rows, 25,230 labels, 16.1 labels per row",
            _ => "train 104,077 / validation 3,805 / test 7,368 rows, 50 labels, 5.4 labels per row",
        });
    }

    private static string Find(string root, string subfolder, string name)
    {
        var nested = Path.Combine(root, subfolder);
        try { return RawFiles.Find(Directory.Exists(nested) ? nested : root, name); }
        catch (DataScriptException) when (Directory.Exists(nested)) { return RawFiles.Find(root, name); }
    }

    private static HashSet<string> Frequent(Dictionary<string, List<string>> codes, HashSet<string> rows, int minCount) =>
        rows.Where(codes.ContainsKey).SelectMany(id => codes[id]).GroupBy(c => c).Where(g => g.Count() >= minCount).Select(g => g.Key).ToHashSet();

    private static Dictionary<string, List<string>> ReadCodes(string path, int icd, bool diagnosis, Report report)
    {
        report.Line($"Reading {Path.GetFileName(path)}");
        using var csv = CsvReader.Open(path, "hadm_id", "icd_code", "icd_version");
        int hadm = csv.Column("hadm_id"), code = csv.Column("icd_code"), version = csv.Column("icd_version");
        var codes = new Dictionary<string, List<string>>();
        var other = 0;
        while (csv.Next() is { } row)
        {
            report.Progress(csv.FileName, csv.RecordsRead);
            var id = row[hadm].Trim();
            var raw = row[code].Trim();
            if (id.Length == 0 || raw.Length == 0) continue;
            if (!int.TryParse(row[version].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v is not (9 or 10))
                throw new DataScriptException($"{csv.Where}: icd_version '{row[version]}' is neither 9 nor 10.");
            if (v != icd) { other++; continue; }
            var formatted = IcdCodes.Format(raw, v, diagnosis)
                            ?? throw new DataScriptException($"{csv.Where}: unexpected ICD-{v} {(diagnosis ? "diagnosis" : "procedure")} code '{raw}'.");
            if (!codes.TryGetValue(id, out var list)) codes[id] = list = [];
            if (!list.Contains(formatted)) list.Add(formatted);
        }
        if (csv.RecordsRead == 0) throw new DataScriptException($"Empty input: {csv.FileName} has a header but no rows.");
        report.Line($"  {csv.RecordsRead:N0} rows, {other:N0} of the other ICD version skipped");
        return codes;
    }

    private static Dictionary<string, StringBuilder> ReadNotes(string path, Report report)
    {
        report.Line($"Reading {Path.GetFileName(path)}");
        using var csv = CsvReader.Open(path, "hadm_id", "text");
        int hadm = csv.Column("hadm_id"), text = csv.Column("text");
        var texts = new Dictionary<string, StringBuilder>();
        var seen = new HashSet<(string, int)>();
        while (csv.Next() is { } row)
        {
            report.Progress(csv.FileName, csv.RecordsRead);
            var id = row[hadm].Trim();
            if (id.Length == 0 || row[text].Length == 0) continue;
            var normalised = ClinicalText.Edin(row[text]);
            if (!seen.Add((id, normalised.GetHashCode(StringComparison.Ordinal))) && texts[id].ToString().Contains(normalised, StringComparison.Ordinal)) continue;
            if (texts.TryGetValue(id, out var existing)) existing.Append(' ').Append(normalised);
            else texts[id] = new StringBuilder(normalised);
        }
        if (csv.RecordsRead == 0) throw new DataScriptException($"Empty input: {csv.FileName} has a header but no rows.");
        report.Line($"  {csv.RecordsRead:N0} notes for {texts.Count:N0} admissions");
        return texts;
    }

    private static Dictionary<string, List<string>> ReadSplits(string path)
    {
        var result = PreparedFormat.SplitNames.ToDictionary(s => s, _ => new List<string>());
        var file = Path.GetFileName(path);
        void Add(string id, string split, string where)
        {
            var name = split.Trim().ToLowerInvariant() switch
            {
                "train" => "train",
                "val" or "valid" or "validation" or "dev" => "validation",
                "test" => "test",
                var other => throw new DataScriptException($"{where}: unknown split '{other}' (expected train, val or test)."),
            };
            id = id.Trim();
            if (id.EndsWith(".0", StringComparison.Ordinal)) id = id[..^2];
            result[name].Add(id);
        }
        if (path.EndsWith(".feather", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".arrow", StringComparison.OrdinalIgnoreCase))
        {
            var names = FeatherTable.ColumnNames(path);
            var idColumn = names.Contains("_id") ? "_id" : names.Contains("hadm_id") ? "hadm_id"
                : throw new DataScriptException($"{file}: wrong columns — need _id or hadm_id beside split; found {string.Join(", ", names)}.");
            var table = FeatherTable.ReadColumns(path, idColumn, "split");
            for (var i = 0; i < table[idColumn].Count; i++) Add(table[idColumn][i], table["split"][i], $"{file}, row {i + 1}");
        }
        else
        {
            using var csv = CsvReader.Open(path, "split");
            var idColumn = csv.Column("_id") >= 0 ? csv.Column("_id") : csv.Column("hadm_id");
            if (idColumn < 0)
                throw new DataScriptException($"{csv.FileName}, line 1: wrong columns — need _id or hadm_id beside split; found {string.Join(", ", csv.Header)}.");
            var split = csv.Column("split");
            while (csv.Next() is { } row) Add(row[idColumn], row[split], csv.Where);
        }
        if (result["train"].Count == 0) throw new DataScriptException($"Empty input: {file} assigns no admission to train.");
        return result;
    }
}

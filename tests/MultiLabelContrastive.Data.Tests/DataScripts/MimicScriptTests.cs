using System.IO.Compression;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using MultiLabelContrastive.Data.Prepared;
using MultiLabelContrastive.Data.Tests.Support;

namespace MultiLabelContrastive.Data.Tests.DataScripts;

public class MimicScriptTests
{
    private const string NoteHeader = "ROW_ID,SUBJECT_ID,HADM_ID,CHARTDATE,CHARTTIME,STORETIME,CATEGORY,DESCRIPTION,CGID,ISERROR,TEXT";

    /// <summary>A tiny MIMIC-III folder: three admissions with discharge summaries (one with an addendum), one without codes, one nursing note.</summary>
    private static (string Mimic, string Splits) Mimic3(TempFolder temp, string? diagnosesOverride = null, string? notesOverride = null)
    {
        var mimic = Directory.CreateDirectory(temp["mimic3"]).FullName;
        File.WriteAllText(Path.Combine(mimic, "NOTEEVENTS.csv"), notesOverride ?? string.Join("\n",
            NoteHeader,
            "1,10,100,2100-01-01,,,Discharge summary,Report,,,\"Admission Date: [**2100-1-1**]\nPatient took 500 mg, 250mg of ASPIRIN.\"",
            "2,10,100,2100-01-02,,,Nursing,Note,,,\"nursing text not used\"",
            "3,10,100,2100-01-03,,,Discharge summary,Addendum,,,\"Addendum: said \"\"stable\"\".\"",
            "4,11,101,2100-02-01,,,Discharge summary,Report,,,\"Chest pain; CABG x3\"",
            "5,12,102,2100-03-01,,,Discharge summary,Report,,,\"no codes for this one\"",
            "6,13,103,2100-04-01,,,Discharge summary,Report,,,\"E coli sepsis\"",
            ""));
        File.WriteAllText(Path.Combine(mimic, "DIAGNOSES_ICD.csv"), diagnosesOverride ?? string.Join("\n",
            "\"ROW_ID\",\"SUBJECT_ID\",\"HADM_ID\",\"SEQ_NUM\",\"ICD9_CODE\"",
            "1,10,100,1,\"4019\"",
            "2,10,100,2,\"E8497\"",
            "3,11,101,1,\"41401\"",
            "4,11,101,2,\"4019\"",
            "5,13,103,1,\"0389\"",
            "6,13,103,2,\"V5861\"",
            "7,13,103,3,\"\"",
            ""));
        File.WriteAllText(Path.Combine(mimic, "PROCEDURES_ICD.csv"), string.Join("\n",
            "ROW_ID,SUBJECT_ID,HADM_ID,SEQ_NUM,ICD9_CODE",
            "1,11,101,1,3615",
            "2,13,103,1,9604",
            ""));
        var splits = Directory.CreateDirectory(temp["splits3"]).FullName;
        File.WriteAllText(Path.Combine(splits, "train_full_hadm_ids.csv"), "101\n100\n");
        File.WriteAllText(Path.Combine(splits, "dev_full_hadm_ids.csv"), "103\n");
        File.WriteAllText(Path.Combine(splits, "test_full_hadm_ids.csv"), "102\n999\n");
        File.WriteAllText(Path.Combine(splits, "train_50_hadm_ids.csv"), "100\n101\n");
        File.WriteAllText(Path.Combine(splits, "dev_50_hadm_ids.csv"), "103\n");
        File.WriteAllText(Path.Combine(splits, "test_50_hadm_ids.csv"), "101\n");
        return (mimic, splits);
    }

    [Fact]
    public void Mimic3FullIsConvertedFieldByField()
    {
        using var temp = new TempFolder();
        var (mimic, splits) = Mimic3(temp);
        var manifest = ScriptRunner.Ok(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits);
        Assert.Equal("mimic3-full", manifest.Name);
        Assert.Equal(["038.9", "36.15", "401.9", "414.01", "96.04", "E849.7", "V58.61"], manifest.Labels);
        Assert.Equal([2, 1, 0], manifest.Splits.Select(s => s.Count));
        var train = PreparedDataset.ReadSplit(temp["out"], manifest, "train");
        Assert.Equal(["101", "100"], train.Ids);
        Assert.Equal("chest pain cabg x3", train.Texts![0]);
        Assert.Equal("admission date patient took mg 250mg of aspirin addendum said stable", train.Texts[1]);
        Assert.Equal([1, 2, 3], train.LabelIndices[0]);   // 36.15, 401.9, 414.01
        Assert.Equal([2, 5], train.LabelIndices[1]);      // 401.9, E849.7
        var validation = PreparedDataset.ReadSplit(temp["out"], manifest, "validation");
        Assert.Equal(["103"], validation.Ids);
        Assert.Equal([0, 4, 6], validation.LabelIndices[0]); // 038.9, 96.04, V58.61 (the empty code row skipped)
        Assert.Equal("e coli sepsis", validation.Texts![0]);
        using var dataset = PreparedDataset.Load(temp["out"]);
        Assert.Equal(7, dataset.LabelCount);
        Assert.Equal(InputKind.Tokens, dataset.Kind);
    }

    [Fact]
    public void Mimic3FiftyKeepsTheMostFrequentCodesAndDropsRowsWithoutThem()
    {
        using var temp = new TempFolder();
        var (mimic, splits) = Mimic3(temp);
        var codes = temp["codes.txt"];
        File.WriteAllText(codes, "401.9\n36.15\n");
        var manifest = ScriptRunner.Ok(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits, "--setting", "50", "--codes", codes);
        Assert.Equal(["36.15", "401.9"], manifest.Labels);
        Assert.Equal([2, 0, 1], manifest.Splits.Select(s => s.Count)); // 103 has neither code
        var test = PreparedDataset.ReadSplit(temp["out"], manifest, "test");
        Assert.Equal([0, 1], test.LabelIndices[0]);

        // Without --codes the top codes are counted: 401.9 (2 admissions) first, then the rest by code; 50 ≥ all 7.
        var counted = ScriptRunner.Ok(temp["out50"], "mimic3", "--mimic", mimic, "--splits", splits, "--setting", "50");
        Assert.Equal(7, counted.Labels.Count);
    }

    [Fact]
    public void Mimic3RejectsMalformedInputsNamingFileAndLine()
    {
        using (var temp = new TempFolder())
        {
            var (mimic, splits) = Mimic3(temp, diagnosesOverride: "ROW_ID,SUBJECT_ID,HADM_ID,SEQ_NUM,ICD9_CODE\n1,10,100,1,4019\n2,10,100,2,ABC12\n");
            var error = ScriptRunner.Fails(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits);
            Assert.Contains("DIAGNOSES_ICD.csv, line 3: unexpected ICD-9 diagnosis code 'ABC12'", error);
        }
        using (var temp = new TempFolder())
        {
            var (mimic, splits) = Mimic3(temp, notesOverride: "ROW_ID,SUBJECT_ID,HADM_ID,CATEGORY,NOTE\n1,10,100,Discharge summary,x\n");
            var error = ScriptRunner.Fails(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits);
            Assert.Contains("NOTEEVENTS.csv, line 1: wrong columns — missing TEXT", error);
        }
        using (var temp = new TempFolder())
        {
            var (mimic, splits) = Mimic3(temp, notesOverride: NoteHeader + "\n");
            Assert.Contains("Empty input: NOTEEVENTS.csv", ScriptRunner.Fails(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits));
        }
        using (var temp = new TempFolder())
        {
            var (mimic, splits) = Mimic3(temp, notesOverride: NoteHeader + "\n1,10,100,,,,Discharge summary,Report,,,\"never closed\n");
            Assert.Contains("line 2: a quoted field is not closed", ScriptRunner.Fails(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits));
        }
        using (var temp = new TempFolder())
        {
            var (mimic, splits) = Mimic3(temp);
            File.Delete(Path.Combine(mimic, "PROCEDURES_ICD.csv"));
            Assert.Contains("Missing file: expected 'PROCEDURES_ICD.csv'", ScriptRunner.Fails(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits));
        }
    }

    [Fact]
    public void FailedRerunKeepsTheGoodDataset()
    {
        using var temp = new TempFolder();
        var (mimic, splits) = Mimic3(temp);
        ScriptRunner.Ok(temp["out"], "mimic3", "--mimic", mimic, "--splits", splits);
        var before = File.ReadAllText(Path.Combine(temp["out"], "manifest.json"));
        var again = ScriptRunner.Run("mimic3", "--mimic", mimic, "--splits", splits, "--out", temp["out"]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Error);
        // A forced rerun that fails half-way (unexpected code) leaves the good dataset untouched.
        File.AppendAllText(Path.Combine(mimic, "PROCEDURES_ICD.csv"), "3,13,103,2,X9\n");
        var failed = ScriptRunner.Run("mimic3", "--mimic", mimic, "--splits", splits, "--out", temp["out"], "--force");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("PROCEDURES_ICD.csv, line 4", failed.Error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(temp["out"], "manifest.json")));
        PreparedDataset.ReadManifest(temp["out"]);
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path), d => d.Contains(".partial-"));
    }

    private static void Gzip(string path, string text)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gz);
        writer.Write(text);
    }

    private static (string Mimic, string Splits) Mimic4(TempFolder temp)
    {
        var root = temp["mimic4"];
        Directory.CreateDirectory(Path.Combine(root, "hosp"));
        Directory.CreateDirectory(Path.Combine(root, "note"));
        Gzip(Path.Combine(root, "hosp", "diagnoses_icd.csv.gz"), string.Join("\n",
            "subject_id,hadm_id,seq_num,icd_code,icd_version",
            "1,200,1,I10,10", "1,200,2,E119,10", "2,201,1,I10,10", "2,201,2,4019,9", "3,202,1,I10,10", "3,202,2,Z9981,10", "4,203,1,4019,9", ""));
        File.WriteAllText(Path.Combine(root, "hosp", "procedures_icd.csv"), string.Join("\n",
            "subject_id,hadm_id,seq_num,chartdate,icd_code,icd_version",
            "1,200,1,2150-01-01,0DTJ4ZZ,10", "3,202,1,2150-01-01,0DTJ4ZZ,10", "4,203,1,2150-01-01,3615,9", ""));
        File.WriteAllText(Path.Combine(root, "note", "discharge.csv"), string.Join("\n",
            "note_id,subject_id,hadm_id,note_type,note_seq,charttime,storetime,text",
            "1-DS-1,1,200,DS,1,,,\"Name: ___\nHypertension 2 DM-2 type.\"",
            "2-DS-1,2,201,DS,1,,,\"HTN only\"",
            "3-DS-1,3,202,DS,1,,,\"Lap chole 12/3\"",
            "4-DS-1,4,203,DS,1,,,\"ICD-9 era note\"",
            ""));
        var splits = temp["mimiciv_icd10_split.csv"];
        File.WriteAllText(splits, "_id,split\n200,train\n201,train\n202,val\n203,test\n");
        return (root, splits);
    }

    [Fact]
    public void Mimic4Icd10IsConvertedWithMinCountFiltering()
    {
        using var temp = new TempFolder();
        var (mimic, splits) = Mimic4(temp);
        var manifest = ScriptRunner.Ok(temp["out"], "mimic4", "--mimic", mimic, "--splits", splits, "--icd", "10", "--min-count", "2");
        Assert.Equal("mimic4-icd10-full", manifest.Name);
        Assert.Equal(["0DTJ4ZZ", "I10"], manifest.Labels); // E11.9 and Z99.81 are seen once
        Assert.Equal([2, 1, 0], manifest.Splits.Select(s => s.Count));
        var train = PreparedDataset.ReadSplit(temp["out"], manifest, "train");
        Assert.Equal(["200", "201"], train.Ids);
        Assert.Equal("name hypertension dm type", train.Texts![0]);
        Assert.Equal([0, 1], train.LabelIndices[0]);
        var all = ScriptRunner.Ok(temp["out1"], "mimic4", "--mimic", mimic, "--splits", splits, "--icd", "10", "--min-count", "1");
        Assert.Equal(["0DTJ4ZZ", "E11.9", "I10", "Z99.81"], all.Labels);
    }

    [Fact]
    public void Mimic4Icd9UsesOnlyVersionNineCodes()
    {
        using var temp = new TempFolder();
        var (mimic, splits) = Mimic4(temp);
        var manifest = ScriptRunner.Ok(temp["out"], "mimic4", "--mimic", mimic, "--splits", splits, "--icd", "9", "--min-count", "1");
        Assert.Equal(["36.15", "401.9"], manifest.Labels);
        Assert.Equal([1, 0, 1], manifest.Splits.Select(s => s.Count));
    }

    [Fact]
    public void Mimic4RejectsBadSplitsAndCodes()
    {
        using var temp = new TempFolder();
        var (mimic, splits) = Mimic4(temp);
        File.WriteAllText(splits, "_id,split\n200,train\n201,holdout\n");
        Assert.Contains("line 3: unknown split 'holdout'", ScriptRunner.Fails(temp["out"], "mimic4", "--mimic", mimic, "--splits", splits, "--icd", "10"));
        File.WriteAllText(splits, "hadm,part\n200,train\n");
        Assert.Contains("wrong columns", ScriptRunner.Fails(temp["out"], "mimic4", "--mimic", mimic, "--splits", splits, "--icd", "10"));
        File.WriteAllText(splits, "_id,split\n200,train\n");
        File.AppendAllText(Path.Combine(mimic, "hosp", "procedures_icd.csv"), "5,204,1,2150-01-01,0DT,10\n");
        Assert.Contains("procedures_icd.csv, line 5: unexpected ICD-10 procedure code '0DT'",
            ScriptRunner.Fails(temp["out"], "mimic4", "--mimic", mimic, "--splits", splits, "--icd", "10"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mimic4ReadsTheFeatherSplitFile(bool compressed)
    {
        using var temp = new TempFolder();
        var (mimic, _) = Mimic4(temp);
        var feather = temp["mimiciv_icd10_split.feather"];
        var batch = new RecordBatch.Builder()
            .Append("_id", false, c => c.Int64(a => a.AppendRange([200L, 201L, 202L, 203L])))
            .Append("split", false, c => c.String(a => a.AppendRange(["train", "train", "val", "test"])))
            .Build();
        var options = compressed
            ? new IpcOptions { CompressionCodec = CompressionCodecType.Zstd, CompressionCodecFactory = new CompressionCodecFactory() }
            : new IpcOptions();
        using (var stream = File.Create(feather))
        using (var writer = new ArrowFileWriter(stream, batch.Schema, leaveOpen: false, options))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        var manifest = ScriptRunner.Ok(temp["out"], "mimic4", "--mimic", mimic, "--splits", feather, "--icd", "10", "--min-count", "2");
        Assert.Equal([2, 1, 0], manifest.Splits.Select(s => s.Count));
        Assert.Equal(["200", "201"], PreparedDataset.ReadSplit(temp["out"], manifest, "train").Ids);

        File.WriteAllText(feather, "not arrow");
        Assert.Contains("not a readable feather", ScriptRunner.Fails(temp["bad"], "mimic4", "--mimic", mimic, "--splits", feather, "--icd", "10"));
    }
}

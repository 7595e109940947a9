using System.CommandLine;
using DataScripts.Common;
using DataScripts.Scripts;
using MultiLabelContrastive.Data.Synthetic;

namespace DataScripts;

/// <summary>
/// The data-scripts command line: one command per dataset of the paper, each writing the prepared-dataset format of
/// MultiLabelContrastive.Data (see data-scripts/README.md).
/// </summary>
public static class DataScriptsApp
{
    /// <summary>Parses and runs a command.</summary>
    /// <param name="args">Command-line arguments, e.g. ["yeast", "--from", "data/yeast", "--out", "prepared/yeast"].</param>
    /// <param name="output">Progress and summary.</param>
    /// <param name="error">Error messages.</param>
    /// <returns>0 on success, 1 on a data or usage error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(new Report(output));
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Build(Report report)
    {
        var root = new RootCommand("Prepares the datasets of the SD-loss paper from their official raw files into the prepared-dataset format (manifest.json with counts and SHA-256 per file). Run '<command> --help' for each.");
        root.Add(Mimic3(report));
        root.Add(Mimic4(report));
        root.Add(Coco(report));
        root.Add(Voc(report));
        root.Add(NusWide(report));
        root.Add(Aapd(report));
        root.Add(Yeast(report));
        root.Add(Synthetic(report));
        return root;
    }

    private static Option<string> Out() => new("--out") { Description = "Folder of the prepared dataset to write (must not exist unless --force).", Required = true };

    private static Option<bool> Force() => new("--force") { Description = "Replace an existing prepared dataset at --out (only once the new one is complete)." };

    private static Option<int> Seed(string what) => new("--seed") { Description = what, DefaultValueFactory = _ => 0 };

    private static Option<string> Folder(string name, string description, bool required = true) => new(name) { Description = description, Required = required };

    private static void Act(Command command, Action<ParseResult> action) =>
        command.SetAction(parse =>
        {
            try
            {
                var output = parse.GetValue<string>("--out");
                if (output is not null && !parse.GetValue<bool>("--force") && (Directory.Exists(output) || File.Exists(output)))
                    throw new DataScriptException($"'{Path.GetFullPath(output)}' already exists; refusing to overwrite it (use --force to replace it).");
                action(parse);
                return 0;
            }
            catch (DataScriptException e)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        });

    private static Command Mimic3(Report report)
    {
        var command = new Command("mimic3", "MIMIC-III v1.4: discharge summaries + addenda with ICD-9 diagnosis and procedure codes, CAML normalisation and the Mullenbach et al. 2018 splits (full or top-50).");
        var mimic = Folder("--mimic", "Folder with NOTEEVENTS.csv, DIAGNOSES_ICD.csv, PROCEDURES_ICD.csv (or .csv.gz).");
        var splits = Folder("--splits", "Folder with {train,dev,test}_{full,50}_hadm_ids.csv (the CAML split files).");
        var setting = new Option<string>("--setting") { Description = "full (all codes) or 50 (the 50 most frequent).", DefaultValueFactory = _ => "full" };
        var codes = new Option<string?>("--codes") { Description = "50 only: file with the 50 codes (one per line, e.g. CAML's TOP_50_CODES.csv) instead of counting them." };
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { mimic, splits, setting, codes, output, force }) command.Add(o);
        Act(command, p => Mimic3Script.Run(p.GetValue(mimic)!, p.GetValue(splits)!, p.GetValue(setting)!, p.GetValue(codes), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }

    private static Command Mimic4(Report report)
    {
        var command = new Command("mimic4", "MIMIC-IV v2.2: discharge notes with ICD-9 or ICD-10 codes (Edin et al. 2023 preprocessing), full or top-50, user-supplied splits.");
        var mimic = Folder("--mimic", "MIMIC-IV folder with hosp/diagnoses_icd.csv(.gz) and hosp/procedures_icd.csv(.gz).");
        var notes = Folder("--notes", "MIMIC-IV-Note folder with note/discharge.csv(.gz) (default: --mimic).", required: false);
        var splits = Folder("--splits", "Edin et al.'s mimiciv_icd{9,10}_split.feather, or a CSV with columns _id (or hadm_id) and split (train/val/test).");
        var icd = new Option<int>("--icd") { Description = "ICD version: 9 or 10.", Required = true };
        var setting = new Option<string>("--setting") { Description = "full or 50.", DefaultValueFactory = _ => "full" };
        var minCount = new Option<int>("--min-count") { Description = "Drop codes seen in fewer admissions (Edin et al.: 10).", DefaultValueFactory = _ => 10 };
        var codes = new Option<string?>("--codes") { Description = "50 only: file with the 50 codes instead of counting them." };
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { mimic, notes, splits, icd, setting, minCount, codes, output, force }) command.Add(o);
        Act(command, p => Mimic4Script.Run(p.GetValue(mimic)!, p.GetValue(notes), p.GetValue(splits)!, p.GetValue(icd), p.GetValue(setting)!,
            p.GetValue(minCount), p.GetValue(codes), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }

    private static Command Coco(Report report)
    {
        var command = new Command("coco", "MS-COCO 2014: instances_{train,val}2014.json to 80-label rows; train2014 = train, val2014 halved into validation/test.");
        var annotations = Folder("--annotations", "Folder with instances_train2014.json and instances_val2014.json.");
        var images = Folder("--images", "Folder holding train2014/ and val2014/ image folders (recorded as the image root; default: parent of --annotations).", required: false);
        var seed = Seed("Seed of the val2014 halving.");
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { annotations, images, seed, output, force }) command.Add(o);
        Act(command, p => CocoScript.Run(p.GetValue(annotations)!,
            p.GetValue(images) ?? Path.GetDirectoryName(Path.GetFullPath(p.GetValue(annotations)!))!, p.GetValue(seed), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }

    private static Command Voc(Report report)
    {
        var command = new Command("voc", "PASCAL VOC 2007: XML annotations to 20-label rows; trainval = train, test halved into validation/test.");
        var voc = Folder("--voc", "The VOC2007 folder (Annotations/, ImageSets/Main/, JPEGImages/), test annotations included.");
        var seed = Seed("Seed of the test halving.");
        var difficult = new Option<bool>("--exclude-difficult") { Description = "Ignore objects marked difficult." };
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { voc, seed, difficult, output, force }) command.Add(o);
        Act(command, p => VocScript.Run(p.GetValue(voc)!, p.GetValue(seed), p.GetValue(difficult), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }

    private static Command NusWide(Report report)
    {
        var command = new Command("nuswide", "NUS-WIDE: 81-concept ground truth; official train list = train, official test list halved into validation/test.");
        var folder = Folder("--nuswide", "Folder with Concepts81.txt, ImageList/{Imagelist,TrainImagelist,TestImagelist}.txt, Groundtruth/AllLabels/Labels_*.txt.");
        var images = Folder("--images", "Folder the Imagelist paths are relative to (recorded as the image root; default: <nuswide>/Flickr).", required: false);
        var seed = Seed("Seed of the test halving.");
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { folder, images, seed, output, force }) command.Add(o);
        Act(command, p => NusWideScript.Run(p.GetValue(folder)!, p.GetValue(images) ?? Path.Combine(p.GetValue(folder)!, "Flickr"),
            p.GetValue(seed), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }

    private static Command Aapd(Report report)
    {
        var command = new Command("aapd", "AAPD: text_{train,val,test} + label_{train,val,test}; official split or a seeded re-split with Table I proportions.");
        var folder = Folder("--aapd", "Folder with text_train, label_train, text_val, label_val, text_test, label_test.");
        var split = new Option<string>("--split") { Description = "official (53,840/1,000/1,000) or resplit (Table I proportions).", DefaultValueFactory = _ => "official" };
        var seed = Seed("Seed of the re-split.");
        var test = new Option<double>("--test-fraction") { Description = "resplit: fraction of all rows for test.", DefaultValueFactory = _ => 0.2 };
        var validation = new Option<double>("--validation-fraction") { Description = "resplit: fraction of the non-test rows for validation.", DefaultValueFactory = _ => 0.15 };
        var labels = new Option<string?>("--labels") { Description = "File with the 54 label names (one per line); other labels are rejected." };
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { folder, split, seed, test, validation, labels, output, force }) command.Add(o);
        Act(command, p => AapdScript.Run(p.GetValue(folder)!, p.GetValue(split)!, p.GetValue(seed), p.GetValue(test), p.GetValue(validation),
            p.GetValue(labels), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }

    private static Command Yeast(Report report)
    {
        var command = new Command("yeast", "yeast (MulSupCon split): the three yeast_official_*.hdf5 files, from --from or downloaded from the MulSupCon repository.");
        var from = Folder("--from", "Folder with yeast_official_{train,val,test}.hdf5 (no download).", required: false);
        var url = new Option<string?>("--url") { Description = $"Base URL of the files when downloading (default {YeastScript.DefaultSource})." };
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { from, url, output, force }) command.Add(o);
        Act(command, p => YeastScript.Run(p.GetValue(from), p.GetValue(url), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }

    private static Command Synthetic(Report report)
    {
        var command = new Command("synthetic", "A synthetic surrogate profile of the library: " + string.Join(", ", SyntheticProfiles.Names) + ".");
        var profile = new Option<string>("--profile") { Description = "Profile name.", Required = true };
        var scale = new Option<double?>("--scale") { Description = "Fraction of the paper's rows per split (default: the profile's CPU size)." };
        var seed = Seed("Generator seed.");
        var output = Out();
        var force = Force();
        foreach (var o in new Option[] { profile, scale, seed, output, force }) command.Add(o);
        Act(command, p => SyntheticScript.Run(p.GetValue(profile)!, p.GetValue(scale), p.GetValue(seed), p.GetValue(output)!, p.GetValue(force), report));
        return command;
    }
}

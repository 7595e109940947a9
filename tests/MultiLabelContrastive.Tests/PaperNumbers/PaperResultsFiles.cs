using System.Globalization;
using System.Text.RegularExpressions;
using MultiLabelContrastive.Tests.Support;

namespace MultiLabelContrastive.Tests.PaperNumbers;

/// <summary>One printed number of a results table (a row of notebooks/paper-results/results.csv).</summary>
internal sealed record PaperCell(
    int Line, string Version, string Table, string Dataset, string Encoder, string Loss, string Metric,
    string Printed, double Value, string Notes)
{
    public (string, string, string, string, string, string) Key => (Version, Table, Dataset, Encoder, Loss, Metric);

    public (string, string) TableKey => (Version, Table);
}

/// <summary>One table of the README's grid list: the full grid of keys it must hold and its printed shape.</summary>
internal sealed record PaperGrid(
    string Version, string Table, IReadOnlyList<string> Datasets, IReadOnlyList<string> Encoders,
    IReadOnlyList<string> Losses, IReadOnlyList<string> Metrics, int PrintedRows, int PrintedColumns, int Cells)
{
    public IEnumerable<(string, string, string, string, string, string)> Keys =>
        from d in Datasets from e in Encoders from l in Losses from m in Metrics
        select (Version, Table, d, e, l, m);
}

/// <summary>A number quoted in the paper's prose (a row of claims.csv).</summary>
internal sealed record PaperClaim(
    int Line, string Version, string Table, string Source, string Dataset, string Encoder, string Quantity,
    string Metric, string Printed, double Value);

/// <summary>A row of datasets.csv.</summary>
internal sealed record PaperDataset(
    int Line, string Version, string Table, string Dataset, long Train, long Validation, long Test,
    string SizePrecision, long Labels, double? AverageLabels);

/// <summary>
/// Reads the CSV files and the grid list of notebooks/paper-results. Every file is read once per test run;
/// a malformed line is an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
internal static partial class PaperResultsFiles
{
    public const string ResultsHeader = "version,table,dataset,encoder,loss,metric,value,notes";
    public const string DatasetsHeader = "version,table,dataset,train,val,test,size_precision,labels,avg_labels,notes";
    public const string ClaimsHeader = "version,table,source,dataset,encoder,quantity,metric,value,notes";

    public static string Folder => Path.Combine(RepositoryRoot.Path, "notebooks", "paper-results");

    private static readonly Lazy<IReadOnlyList<PaperCell>> LazyCells = new(ReadCells);
    private static readonly Lazy<IReadOnlyList<PaperGrid>> LazyGrids = new(ReadGrids);
    private static readonly Lazy<IReadOnlyList<PaperClaim>> LazyClaims = new(ReadClaims);
    private static readonly Lazy<IReadOnlyList<PaperDataset>> LazyDatasets = new(ReadDatasets);

    public static IReadOnlyList<PaperCell> Cells => LazyCells.Value;
    public static IReadOnlyList<PaperGrid> Grids => LazyGrids.Value;
    public static IReadOnlyList<PaperClaim> Claims => LazyClaims.Value;
    public static IReadOnlyList<PaperDataset> Datasets => LazyDatasets.Value;

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex PrintedNumber();

    [GeneratedRegex(@"^\s*(\d+)\s*×\s*(\d+)\s*$")]
    private static partial Regex Shape();

    /// <summary>The data lines of a CSV file whose first line must equal <paramref name="header"/>; each has exactly as many fields as the header.</summary>
    public static IReadOnlyList<(int Line, string[] Fields)> ReadCsv(string fileName, string header)
    {
        var path = Path.Combine(Folder, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' is missing.", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != header)
            throw new InvalidDataException($"{fileName}: the header must be '{header}'.");
        var width = header.Split(',').Length;
        var rows = new List<(int, string[])>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) throw new InvalidDataException($"{fileName} line {i + 1}: empty line.");
            var fields = lines[i].Split(',');
            if (fields.Length != width)
                throw new InvalidDataException($"{fileName} line {i + 1}: {fields.Length} fields, expected {width} (no commas inside fields).");
            rows.Add((i + 1, fields));
        }
        return rows;
    }

    /// <summary>A printed decimal number ("73.40"); anything else is an error naming the file and line.</summary>
    public static double ParsePrinted(string text, string fileName, int line)
    {
        if (!PrintedNumber().IsMatch(text))
            throw new InvalidDataException($"{fileName} line {line}: '{text}' is not a printed decimal number.");
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The number of decimals printed ("73.40" → 2).</summary>
    public static int Decimals(string printed) => printed.Length - printed.IndexOf('.') - 1;

    private static IReadOnlyList<PaperCell> ReadCells() =>
        ReadCsv("results.csv", ResultsHeader)
            .Select(r => new PaperCell(r.Line, r.Fields[0], r.Fields[1], r.Fields[2], r.Fields[3], r.Fields[4], r.Fields[5],
                r.Fields[6], ParsePrinted(r.Fields[6], "results.csv", r.Line), r.Fields[7]))
            .ToList();

    private static IReadOnlyList<PaperClaim> ReadClaims() =>
        ReadCsv("claims.csv", ClaimsHeader)
            .Select(r => new PaperClaim(r.Line, r.Fields[0], r.Fields[1], r.Fields[2], r.Fields[3], r.Fields[4], r.Fields[5],
                r.Fields[6], r.Fields[7], ParsePrinted(r.Fields[7], "claims.csv", r.Line)))
            .ToList();

    private static IReadOnlyList<PaperDataset> ReadDatasets() =>
        ReadCsv("datasets.csv", DatasetsHeader)
            .Select(r => new PaperDataset(r.Line, r.Fields[0], r.Fields[1], r.Fields[2],
                ParseCount(r.Fields[3], r.Line), ParseCount(r.Fields[4], r.Line), ParseCount(r.Fields[5], r.Line),
                r.Fields[6], ParseCount(r.Fields[7], r.Line),
                r.Fields[8].Length == 0 ? null : ParsePrinted(r.Fields[8], "datasets.csv", r.Line)))
            .ToList();

    private static long ParseCount(string text, int line) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidDataException($"datasets.csv line {line}: '{text}' is not a positive whole number.");

    /// <summary>The grid list between the "grid:begin" and "grid:end" markers of the README.</summary>
    private static IReadOnlyList<PaperGrid> ReadGrids()
    {
        var path = Path.Combine(Folder, "README.md");
        var lines = File.ReadAllLines(path);
        var begin = Array.IndexOf(lines, "<!-- grid:begin -->");
        var end = Array.IndexOf(lines, "<!-- grid:end -->");
        if (begin < 0 || end < begin) throw new InvalidDataException($"{path}: no grid:begin / grid:end markers.");
        var grids = new List<PaperGrid>();
        for (var i = begin + 1; i < end; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("| version", StringComparison.Ordinal) || line.StartsWith("|---", StringComparison.Ordinal)) continue;
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 8) throw new InvalidDataException($"README.md line {i + 1}: {cells.Length} columns, expected 8.");
            var shape = Shape().Match(cells[6]);
            if (!shape.Success) throw new InvalidDataException($"README.md line {i + 1}: shape '{cells[6]}' is not 'rows × columns'.");
            grids.Add(new PaperGrid(cells[0], cells[1], List(cells[2]), List(cells[3]), List(cells[4]), List(cells[5]),
                int.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(cells[7], CultureInfo.InvariantCulture)));
        }
        return grids;

        static IReadOnlyList<string> List(string cell) => cell.Split(';').Select(s => s.Trim()).ToList();
    }

    /// <summary>
    /// Everything wrong with <paramref name="cells"/> against <paramref name="grids"/>: duplicated keys, missing or extra
    /// cells per table, rows of undeclared tables. Empty when the cells are exactly the declared grids.
    /// </summary>
    public static IReadOnlyList<string> GridProblems(IReadOnlyList<PaperCell> cells, IReadOnlyList<PaperGrid> grids)
    {
        var problems = new List<string>();
        foreach (var duplicate in cells.GroupBy(c => c.Key).Where(g => g.Count() > 1))
            problems.Add($"{duplicate.Key} occurs {duplicate.Count()} times (lines {string.Join(' ', duplicate.Select(c => c.Line))})");
        foreach (var grid in grids)
        {
            var expected = grid.Keys.ToHashSet();
            var actual = cells.Where(c => c.TableKey == (grid.Version, grid.Table)).Select(c => c.Key).ToHashSet();
            problems.AddRange(expected.Except(actual).Select(k => $"missing {k}"));
            problems.AddRange(actual.Except(expected).Select(k => $"not in the declared grid {k}"));
        }
        var declared = grids.Select(g => (g.Version, g.Table)).ToHashSet();
        problems.AddRange(cells.Where(c => !declared.Contains(c.TableKey))
            .Select(c => $"line {c.Line}: table {c.Version} {c.Table} is not declared in the README"));
        return problems;
    }
}

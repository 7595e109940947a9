using System.Globalization;

namespace MultiLabelContrastive.Reproduction;

/// <summary>Reads the paper's published numbers (notebooks/paper-results/results.csv).</summary>
public static class PaperResults
{
    /// <summary>The file's path relative to the notebooks folder.</summary>
    public const string RelativePath = "paper-results/results.csv";

    /// <summary>Every number of the file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">A malformed line (named by number).</exception>
    public static IReadOnlyList<PaperNumber> Load(string path = RelativePath)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The paper's numbers are not at '{Path.GetFullPath(path)}'.", path);
        var lines = File.ReadAllLines(path);
        const string header = "version,table,dataset,encoder,loss,metric,value,notes";
        if (lines.Length == 0 || lines[0].Trim() != header)
            throw new InvalidDataException($"{path}: line 1 must be '{header}'.");
        var numbers = new List<PaperNumber>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var f = lines[i].Split(',');
            if (f.Length != 8 || !double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new InvalidDataException($"{path}: line {i + 1} is not 8 comma-separated fields with a numeric value: '{lines[i]}'.");
            numbers.Add(new PaperNumber(f[0], f[1], f[2], f[3], f[4], f[5], value, f[7]));
        }
        return numbers;
    }

    /// <summary>The numbers of one table.</summary>
    /// <param name="numbers">All numbers.</param>
    /// <param name="version">"journal" or "conference".</param>
    /// <param name="table">The table as printed.</param>
    /// <exception cref="ArgumentException">The table has no numbers.</exception>
    public static IReadOnlyList<PaperNumber> Table(IReadOnlyList<PaperNumber> numbers, string version, string table)
    {
        var rows = numbers.Where(n => n.Version == version && n.Table == table).ToList();
        if (rows.Count == 0) throw new ArgumentException($"No numbers for {version} table {table}.", nameof(table));
        return rows;
    }
}

using System.Globalization;
using Deedle;

namespace MultiLabelContrastive.Reproduction;

/// <summary>
/// The paper's wide layout, one table per metric: a row per (encoder, loss), a column per dataset; the paper's rows
/// first (its encoders in printed order, its four losses each), then ours (five losses and BCE, mean ± std over seeds).
/// Every row of a table is shown: a table has at most a few dozen rows.
/// </summary>
public static class WideTables
{
    /// <summary>The paper's loss rows in printed order.</summary>
    public static IReadOnlyList<string> PaperLosses { get; } = ["All", "Any", "MulSupCon", "SimilarityDissimilarity"];

    /// <summary>Our loss rows: the paper's three baselines, SD in both forms, then the BCE baseline.</summary>
    public static IReadOnlyList<string> OurLosses { get; } = ["All", "Any", "MulSupCon", "SdLiteral", "SdWeighted", TableRuns.Baseline];

    /// <summary>How a loss is named in tables and legends.</summary>
    public static string Label(string loss) => loss switch
    {
        "All" => "ALL",
        "Any" => "ANY",
        "SimilarityDissimilarity" => "SD",
        "SdLiteral" => "SD as printed (Eq. 13)",
        "SdWeighted" => "SD weighted",
        "BCE" => "BCE (no contrastive stage)",
        _ => loss,
    };

    /// <summary>Marks a cell whose run is at chance (see the table's note).</summary>
    public const string ChanceMark = " †";

    /// <summary>One metric's wide table.</summary>
    /// <param name="paper">The paper's numbers of the table.</param>
    /// <param name="ours">Our side-by-side rows (empty: the paper's rows only).</param>
    /// <param name="metric">The paper's metric name ("MicroF1", "MacroF1", "P@8", …).</param>
    /// <param name="chance">Our (dataset, loss) rows at chance, marked with <see cref="ChanceMark"/>.</param>
    public static Frame<string, string> For(IReadOnlyList<PaperNumber> paper, IReadOnlyList<ComparisonRow> ours, string metric,
        IReadOnlyList<ChanceCheck.Row>? chance = null)
    {
        var datasets = paper.Where(p => p.Metric == metric).Select(p => p.Dataset).Distinct().ToList();
        var rows = new List<(string Key, Dictionary<string, string> Cells)>();
        foreach (var encoder in paper.Select(p => p.Encoder).Distinct())
            foreach (var loss in paper.Where(p => p.Encoder == encoder).Select(p => p.Loss).Distinct())
                rows.Add(($"paper · {encoder} · {Label(loss)}", datasets.ToDictionary(d => d, d =>
                    paper.FirstOrDefault(p => p.Dataset == d && p.Encoder == encoder && p.Loss == loss && p.Metric == metric) is { } n
                        ? n.Value.ToString("0.00", CultureInfo.InvariantCulture) : "–")));
        var mine = ours.Where(r => r.Metric == metric || r.Metric.StartsWith(metric + " (", StringComparison.Ordinal)).ToList();
        // One block of rows per encoder of ours (a text table may run RoBERTa and Llama on the same dataset).
        foreach (var encoder in mine.GroupBy(r => r.OurEncoder))
        {
            var theirs = encoder.ToList();
            foreach (var loss in OurLosses.Where(l => theirs.Any(r => r.Loss == l)))
                rows.Add(($"ours ({theirs[0].Data}, {encoder.Key}) · {Label(loss)}", datasets.ToDictionary(d => d, d =>
                    theirs.FirstOrDefault(r => r.Dataset == d && r.Loss == loss) is { } r
                        ? FormattableString.Invariant($"{r.Ours:0.00} ± {r.OursStd:0.00}")
                          + (chance?.Any(c => c.Is(d, loss, encoder.Key) && c.AtChance) == true ? ChanceMark : "")
                        : "–")));
        }
        var keys = rows.Select(r => r.Key).ToArray();
        var columns = datasets.Select(d => KeyValuePair.Create(d, new Series<string, string>(keys, rows.Select(r => r.Cells[d]).ToArray())));
        return Frame.FromColumns(columns);
    }
}

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Every metric of one evaluation (docs/MATH.md "Metrics"). Threshold metrics use <see cref="Thresholds"/> (check
/// <see cref="MetricThresholds.IsOptimistic"/> before printing them); ranking metrics (AUC, mAP, P@k) use no threshold.
/// Means over an empty set of labels are NaN.
/// </summary>
public sealed record MetricReport
{
    /// <summary>Number of samples n.</summary>
    public required int Samples { get; init; }

    /// <summary>Number of labels C.</summary>
    public required int Labels { get; init; }

    /// <summary>micro-F1: 2·TP / (2·TP + FP + FN) pooled over all cells (0 when the denominator is 0).</summary>
    public required double MicroF1 { get; init; }

    /// <summary><c>MacroF1Mean</c>: mean over all C labels of per-label F1 (scikit-learn macro, zero_division=0).</summary>
    public required double MacroF1Mean { get; init; }

    /// <summary><c>MacroF1Mean</c> with <c>LabelsPresentOnly</c>: mean of per-label F1 over the <see cref="LabelsPresent"/>
    /// labels with at least one positive (Edin et al. 2023); NaN when there is none.</summary>
    public required double MacroF1MeanLabelsPresentOnly { get; init; }

    /// <summary><c>MacroF1Caml</c>: harmonic mean of <see cref="MacroPrecision"/> and <see cref="MacroRecall"/>
    /// (Mullenbach et al. 2018), 0 when both are 0.</summary>
    public required double MacroF1Caml { get; init; }

    /// <summary>micro-precision TP / (TP + FP), at the micro-F1 threshold.</summary>
    public required double MicroPrecision { get; init; }

    /// <summary>micro-recall TP / (TP + FN), at the micro-F1 threshold.</summary>
    public required double MicroRecall { get; init; }

    /// <summary>macro-precision: mean over labels of per-label precision (0 for a label never predicted), at the
    /// <c>MacroF1Caml</c> threshold.</summary>
    public required double MacroPrecision { get; init; }

    /// <summary>macro-recall: mean over labels of per-label recall (0 for a label without positives), at the
    /// <c>MacroF1Caml</c> threshold.</summary>
    public required double MacroRecall { get; init; }

    /// <summary>micro-AUC: ROC-AUC of the flattened matrix (NaN when all cells are of one class).</summary>
    public required double MicroAuc { get; init; }

    /// <summary>macro-AUC: mean ROC-AUC over the labels with a positive and a negative.</summary>
    public required double MacroAuc { get; init; }

    /// <summary>Labels used by <see cref="MacroAuc"/>.</summary>
    public required int MacroAucLabelsUsed { get; init; }

    /// <summary>Labels skipped by <see cref="MacroAuc"/> (all positive or all negative).</summary>
    public int MacroAucLabelsSkipped => Labels - MacroAucLabelsUsed;

    /// <summary>mAP: mean average precision over the labels with at least one positive.</summary>
    public required double MeanAveragePrecision { get; init; }

    /// <summary>Labels used by <see cref="MeanAveragePrecision"/>.</summary>
    public required int MapLabelsUsed { get; init; }

    /// <summary>Labels with at least one positive in the evaluated split.</summary>
    public required int LabelsPresent { get; init; }

    /// <summary>P@k for each requested k (keys in ascending order).</summary>
    public required IReadOnlyDictionary<int, double> PrecisionAtK { get; init; }

    /// <summary>The thresholds of the threshold metrics and the rule that chose them.</summary>
    public required MetricThresholds Thresholds { get; init; }

    /// <summary>
    /// Every number by name, in a fixed order: "MicroF1", "MacroF1Mean", "MacroF1MeanLabelsPresentOnly",
    /// "MacroF1Caml", "MicroPrecision", "MicroRecall", "MacroPrecision", "MacroRecall", "MicroAuc", "MacroAuc",
    /// "MacroAucLabelsUsed", "MacroAucLabelsSkipped", "MeanAveragePrecision", "MapLabelsUsed", "LabelsPresent",
    /// then "P@k" for each k (the names of the golden files).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> NamedValues()
    {
        var values = new List<KeyValuePair<string, double>>
        {
            new(nameof(MicroF1), MicroF1),
            new(nameof(MacroF1Mean), MacroF1Mean),
            new(nameof(MacroF1MeanLabelsPresentOnly), MacroF1MeanLabelsPresentOnly),
            new(nameof(MacroF1Caml), MacroF1Caml),
            new(nameof(MicroPrecision), MicroPrecision),
            new(nameof(MicroRecall), MicroRecall),
            new(nameof(MacroPrecision), MacroPrecision),
            new(nameof(MacroRecall), MacroRecall),
            new(nameof(MicroAuc), MicroAuc),
            new(nameof(MacroAuc), MacroAuc),
            new(nameof(MacroAucLabelsUsed), MacroAucLabelsUsed),
            new(nameof(MacroAucLabelsSkipped), MacroAucLabelsSkipped),
            new(nameof(MeanAveragePrecision), MeanAveragePrecision),
            new(nameof(MapLabelsUsed), MapLabelsUsed),
            new(nameof(LabelsPresent), LabelsPresent),
        };
        values.AddRange(PrecisionAtK.Select(p => new KeyValuePair<string, double>($"P@{p.Key}", p.Value)));
        return values;
    }
}

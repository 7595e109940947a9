using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>The one evaluation routine behind <see cref="MultiLabelMetrics"/> and <see cref="MetricAccumulator"/>.</summary>
internal static class MetricEvaluation
{
    /// <summary>Validates the options against C; returns the distinct k in ascending order.</summary>
    public static int[] Ks(MetricOptions options, int labels, string optionsName)
    {
        ArgumentNullException.ThrowIfNull(options, optionsName);
        if (options.Thresholds is null) throw new ArgumentNullException(optionsName, "options.Thresholds is null.");
        if (options.Ks is null) throw new ArgumentNullException(optionsName, "options.Ks is null.");
        foreach (int k in options.Ks) MetricArgs.K(k, labels, optionsName);
        return options.Ks.Distinct().Order().ToArray();
    }

    /// <summary>Every metric over the first <paramref name="rows"/> rows (inputs already validated).</summary>
    public static MetricReport Evaluate<T>(T[,] scores, int[,] truth, int rows, MetricThresholds thresholds, int[] ks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int labels = scores.GetLength(1);
        var counts = ThresholdCounts.Compute(scores, truth, rows,
            [thresholds.ForMicroF1, thresholds.ForMacroF1Mean, thresholds.ForMacroF1MeanLabelsPresentOnly, thresholds.ForMacroF1Caml]);
        var micro = counts.At(thresholds.ForMicroF1);
        var caml = counts.At(thresholds.ForMacroF1Caml);
        var (auc, ap) = LabelRanking.Compute(scores, truth, rows);
        var macroAuc = LabelAverage.OfDefined(auc);
        var map = LabelAverage.OfDefined(ap);
        var atK = ks.Length == 0 ? [] : TopLabels.PrecisionAt(scores, truth, rows, ks);
        return new MetricReport
        {
            Samples = rows,
            Labels = labels,
            MicroF1 = micro.MicroF1,
            MacroF1Mean = counts.At(thresholds.ForMacroF1Mean).MacroF1Mean,
            MacroF1MeanLabelsPresentOnly = counts.At(thresholds.ForMacroF1MeanLabelsPresentOnly).MacroF1MeanLabelsPresentOnly,
            MacroF1Caml = caml.MacroF1Caml,
            MicroPrecision = micro.MicroPrecision,
            MicroRecall = micro.MicroRecall,
            MacroPrecision = caml.MacroPrecision,
            MacroRecall = caml.MacroRecall,
            MicroAuc = MicroRoc.Compute(scores, truth, rows),
            MacroAuc = macroAuc.Value,
            MacroAucLabelsUsed = macroAuc.LabelsUsed,
            MeanAveragePrecision = map.Value,
            MapLabelsUsed = map.LabelsUsed,
            LabelsPresent = micro.LabelsPresent,
            PrecisionAtK = ks.Select((k, i) => (k, atK[i])).ToDictionary(p => p.k, p => p.Item2).AsReadOnly(),
            Thresholds = thresholds,
        };
    }
}

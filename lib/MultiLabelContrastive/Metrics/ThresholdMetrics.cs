namespace MultiLabelContrastive.Metrics;

/// <summary>The threshold metrics at one threshold (see <see cref="ThresholdCounts.At"/>).</summary>
internal readonly record struct ThresholdMetrics(
    double MicroF1, double MacroF1Mean, double MacroF1MeanLabelsPresentOnly, double MacroF1Caml,
    double MicroPrecision, double MicroRecall, double MacroPrecision, double MacroRecall, int LabelsPresent)
{
    public double F1(F1Average average, bool labelsPresentOnly) => average switch
    {
        F1Average.Micro => MicroF1,
        F1Average.MacroMean => labelsPresentOnly ? MacroF1MeanLabelsPresentOnly : MacroF1Mean,
        _ => MacroF1Caml,
    };
}

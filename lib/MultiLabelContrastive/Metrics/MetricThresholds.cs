namespace MultiLabelContrastive.Metrics;

/// <summary>
/// The decision thresholds used by the threshold metrics of a <see cref="MetricReport"/> (prediction is
/// <c>score ≥ threshold</c>), one per F1 convention, and the rule that produced them. Make them with
/// <see cref="Fixed"/> or <see cref="ThresholdSelection"/>.
/// </summary>
public sealed record MetricThresholds
{
    internal MetricThresholds(ThresholdRule rule, double forMicroF1, double forMacroF1Mean,
        double forMacroF1MeanLabelsPresentOnly, double forMacroF1Caml)
    {
        Rule = rule;
        ForMicroF1 = forMicroF1;
        ForMacroF1Mean = forMacroF1Mean;
        ForMacroF1MeanLabelsPresentOnly = forMacroF1MeanLabelsPresentOnly;
        ForMacroF1Caml = forMacroF1Caml;
    }

    /// <summary>The papers' default threshold, 0.5.</summary>
    public const double Default = 0.5;

    /// <summary>Where the thresholds come from.</summary>
    public ThresholdRule Rule { get; }

    /// <summary>Threshold of micro-F1, and of micro-precision and micro-recall.</summary>
    public double ForMicroF1 { get; }

    /// <summary>Threshold of <c>MacroF1Mean</c> (mean of per-label F1 over all labels).</summary>
    public double ForMacroF1Mean { get; }

    /// <summary>Threshold of <c>MacroF1Mean</c> with the <c>LabelsPresentOnly</c> option.</summary>
    public double ForMacroF1MeanLabelsPresentOnly { get; }

    /// <summary>Threshold of <c>MacroF1Caml</c>, and of macro-precision and macro-recall (so that the reported
    /// <c>MacroF1Caml</c> is the harmonic mean of the reported macro-P and macro-R).</summary>
    public double ForMacroF1Caml { get; }

    /// <summary>True for <see cref="ThresholdRule.OracleThreshold"/>: chosen on the evaluated split, optimistic.</summary>
    public bool IsOptimistic => Rule == ThresholdRule.OracleThreshold;

    /// <summary>One fixed threshold for every metric.</summary>
    /// <param name="threshold">Any finite real, in the units of the scores (probabilities: the papers use 0.5;
    /// logits: 0). Scores may be probabilities or logits, so the range is not restricted to (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is NaN or ±∞.</exception>
    public static MetricThresholds Fixed(double threshold = Default)
    {
        MetricArgs.Threshold(threshold, nameof(threshold));
        return new MetricThresholds(ThresholdRule.Fixed, threshold, threshold, threshold, threshold);
    }

    /// <summary>Thresholds read back from a stored report (a sweep's results store): the values and rule as they were
    /// recorded, checked to be finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is NaN or ±∞.</exception>
    public static MetricThresholds Restore(ThresholdRule rule, double forMicroF1, double forMacroF1Mean,
        double forMacroF1MeanLabelsPresentOnly, double forMacroF1Caml)
    {
        MetricArgs.Threshold(forMicroF1, nameof(forMicroF1));
        MetricArgs.Threshold(forMacroF1Mean, nameof(forMacroF1Mean));
        MetricArgs.Threshold(forMacroF1MeanLabelsPresentOnly, nameof(forMacroF1MeanLabelsPresentOnly));
        MetricArgs.Threshold(forMacroF1Caml, nameof(forMacroF1Caml));
        return new MetricThresholds(rule, forMicroF1, forMacroF1Mean, forMacroF1MeanLabelsPresentOnly, forMacroF1Caml);
    }

    /// <summary>The threshold used by an F1 convention.</summary>
    /// <param name="average">The F1 convention.</param>
    /// <param name="labelsPresentOnly">The <c>LabelsPresentOnly</c> option (only with <see cref="F1Average.MacroMean"/>).</param>
    public double For(F1Average average, bool labelsPresentOnly = false)
    {
        MetricArgs.Average(average, labelsPresentOnly, nameof(average), nameof(labelsPresentOnly));
        return average switch
        {
            F1Average.Micro => ForMicroF1,
            F1Average.MacroMean => labelsPresentOnly ? ForMacroF1MeanLabelsPresentOnly : ForMacroF1Mean,
            _ => ForMacroF1Caml,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Rule == ThresholdRule.Fixed
        ? $"Fixed {ForMicroF1}"
        : $"{Rule}{(IsOptimistic ? " (optimistic: chosen on the evaluated split)" : "")}: micro-F1 {ForMicroF1}, "
          + $"MacroF1Mean {ForMacroF1Mean}, MacroF1Mean labels present {ForMacroF1MeanLabelsPresentOnly}, MacroF1Caml {ForMacroF1Caml}";
}

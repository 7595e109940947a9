namespace MultiLabelContrastive.Metrics;

/// <summary>Where the decision threshold of the F1, precision and recall metrics comes from.</summary>
public enum ThresholdRule
{
    /// <summary>A fixed threshold given by the caller (0.5, the papers' default).</summary>
    Fixed,

    /// <summary>
    /// Chosen per metric from <see cref="ThresholdSelection.Candidates"/> (0.1, 0.2, …, 0.9) on the validation
    /// split, ties to the lowest threshold, then applied unchanged to the evaluated split.
    /// </summary>
    Validation,

    /// <summary>
    /// Chosen per metric from <see cref="ThresholdSelection.Candidates"/> on the evaluated (test) split itself,
    /// as the MulSupCon reference code does. Optimistic: the test labels leak into the threshold. Offered only
    /// to compare with numbers published that way, and labelled wherever it is shown.
    /// </summary>
    OracleThreshold,
}

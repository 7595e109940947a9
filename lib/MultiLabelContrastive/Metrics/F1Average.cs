namespace MultiLabelContrastive.Metrics;

/// <summary>
/// How per-label F1 is averaged over the C labels. The two macro conventions differ by several points
/// on long-tailed data, so every table names the one it shows.
/// </summary>
public enum F1Average
{
    /// <summary>
    /// micro-F1: 2·TP / (2·TP + FP + FN) with TP, FP, FN pooled over every cell of the n×C matrix;
    /// 0 when the denominator is 0.
    /// </summary>
    Micro,

    /// <summary>
    /// <c>MacroF1Mean</c>: the mean over labels of per-label F1 = 2·tp / (2·tp + fp + fn), where a label with
    /// tp = fp = fn = 0 counts as 0 (scikit-learn <c>f1_score(average='macro', zero_division=0)</c>).
    /// With the <c>labelsPresentOnly</c> option the mean runs over the labels with at least one positive only
    /// (Edin et al. 2023).
    /// </summary>
    MacroMean,

    /// <summary>
    /// <c>MacroF1Caml</c>: the harmonic mean 2·P·R / (P + R) of macro-precision P and macro-recall R (the MIMIC
    /// ICD-coding convention of Mullenbach et al. 2018 and followers); a label's precision or recall with a zero
    /// denominator counts as 0, and the result is 0 when P + R = 0.
    /// </summary>
    MacroCaml,
}

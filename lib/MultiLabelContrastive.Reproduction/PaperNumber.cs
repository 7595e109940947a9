namespace MultiLabelContrastive.Reproduction;

/// <summary>One number printed in a results table of the paper (notebooks/paper-results/results.csv).</summary>
/// <param name="Version">"journal" or "conference".</param>
/// <param name="Table">The table as printed ("II", "3", …).</param>
/// <param name="Dataset">The paper's dataset name.</param>
/// <param name="Encoder">The paper's encoder.</param>
/// <param name="Loss">All, Any, MulSupCon, SimilarityDissimilarity (or C-to-… in conference Table 3).</param>
/// <param name="Metric">The paper's metric name (MicroF1, MacroF1, mAP, MicroAUC, MacroAUC, P@k, MicroF1Gain).</param>
/// <param name="Value">The printed value (percent, or percentage points for gains).</param>
/// <param name="Notes">What was interpreted when typing the cell.</param>
public sealed record PaperNumber(string Version, string Table, string Dataset, string Encoder, string Loss, string Metric, double Value, string Notes);

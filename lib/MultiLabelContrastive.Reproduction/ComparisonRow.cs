namespace MultiLabelContrastive.Reproduction;

/// <summary>One line of a side-by-side table: the paper's value and ours for a dataset, metric and loss.</summary>
/// <param name="Data">"surrogate data" or "real data": what our numbers were measured on.</param>
/// <param name="Dataset">The paper's dataset.</param>
/// <param name="Metric">The paper's metric (our convention in parentheses for macro-F1).</param>
/// <param name="Loss">Our loss (SdLiteral and SdWeighted both face the paper's SD row; BCE has no paper row).</param>
/// <param name="PaperEncoder">The paper encoder the difference is taken against.</param>
/// <param name="Paper">The paper's value for that encoder (NaN when the paper has none).</param>
/// <param name="OtherPaperEncoders">The paper's values for its other encoders, as printed.</param>
/// <param name="OurEncoder">Our encoder.</param>
/// <param name="Ours">Our mean over seeds.</param>
/// <param name="OursStd">Our sample standard deviation over seeds.</param>
/// <param name="Seeds">Number of seeds.</param>
/// <param name="Difference">Ours − paper (NaN when the paper has no value).</param>
public sealed record ComparisonRow(string Data, string Dataset, string Metric, string Loss, string PaperEncoder, double Paper,
    string OtherPaperEncoders, string OurEncoder, double Ours, double OursStd, int Seeds, double Difference);

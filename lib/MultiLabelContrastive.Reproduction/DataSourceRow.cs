namespace MultiLabelContrastive.Reproduction;

/// <summary>One row of a results notebook's data-source table: what each paper dataset was run on, and how.</summary>
/// <param name="Dataset">The paper's dataset name.</param>
/// <param name="Data">"real data" or "surrogate data".</param>
/// <param name="Source">Where the data came from, in words.</param>
/// <param name="OurEncoder">Our encoder, and whether it started from pretrained weights or from scratch.</param>
public sealed record DataSourceRow(string Dataset, string Data, string Source, string OurEncoder);

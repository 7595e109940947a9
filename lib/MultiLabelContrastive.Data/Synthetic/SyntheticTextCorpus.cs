using MultiLabelContrastive.Data.Text;

namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>The raw texts of a synthetic text dataset, before tokenisation (what data-scripts writes as token text).</summary>
/// <param name="LabelNames">Label names in column order.</param>
/// <param name="Train">Training texts and label sets.</param>
/// <param name="Validation">Validation texts and label sets.</param>
/// <param name="Test">Test texts and label sets.</param>
public sealed record SyntheticTextCorpus(IReadOnlyList<string> LabelNames, TextSplit Train, TextSplit Validation, TextSplit Test);

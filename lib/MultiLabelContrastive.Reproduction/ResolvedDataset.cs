using MultiLabelContrastive.Data;

namespace MultiLabelContrastive.Reproduction;

/// <summary>A paper dataset as we could get it: the real prepared data, or a labelled synthetic stand-in.</summary>
/// <param name="PaperName">The paper's dataset name.</param>
/// <param name="Dataset">The data to train on.</param>
/// <param name="IsSurrogate">True when this is a synthetic stand-in, not the paper's data.</param>
/// <param name="Source">Where it came from, in words (a folder, or the synthetic profile and its sizes).</param>
public sealed record ResolvedDataset(string PaperName, MultiLabelDataset Dataset, bool IsSurrogate, string Source) : IDisposable
{
    /// <summary>"surrogate data" or "real data", for every table and chart title.</summary>
    public string Label => IsSurrogate ? "surrogate data" : "real data";

    /// <summary>This dataset's row in a data-source table.</summary>
    /// <param name="encoder">Our encoder's name.</param>
    /// <param name="pretrainedWeights">Whether the encoder starts from pretrained weights (else from scratch).</param>
    public DataSourceRow SourceRow(string encoder, bool pretrainedWeights) =>
        new(PaperName, Label, Source, encoder + (pretrainedWeights ? " (pretrained weights)" : " (from scratch)"));

    /// <inheritdoc />
    public void Dispose() => Dataset.Dispose();
}

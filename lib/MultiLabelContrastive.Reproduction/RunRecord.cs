using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Reproduction;

/// <summary>One training run of ours: a dataset, an encoder, a loss (or "BCE" for the end-to-end baseline), a seed.</summary>
/// <param name="Dataset">The paper's dataset name.</param>
/// <param name="Encoder">Our encoder's name.</param>
/// <param name="Loss">A <see cref="Losses.LossKind"/> name, or "BCE".</param>
/// <param name="Seed">The seed.</param>
/// <param name="Report">Test-split metrics (linear probe, or the BCE model).</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="IsSurrogate">Whether the data was a synthetic stand-in.</param>
/// <param name="PaperEncoder">Whether the encoder was the paper's (pretrained weights the reader gave), not our stand-in.</param>
public sealed record RunRecord(string Dataset, string Encoder, string Loss, int Seed, MetricReport Report, double Seconds, bool IsSurrogate, bool PaperEncoder = false);

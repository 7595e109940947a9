using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// What a loss contributes beyond the shared log-probabilities: the batch loss is
/// (−Σ_ij Weights_ij · ℓ_ij + Σ_i LabelOnlyTerm_i) / Normalizer.
/// </summary>
/// <param name="Weights">Ma×Mr weight of each (anchor, reference) pair; zero on self pairs and non-positives.</param>
/// <param name="LabelOnlyTerm">Per-anchor constant that depends on labels only (Literal SD's −mean log K), or null.</param>
/// <param name="UnitsCounted">Anchors with ≥ 1 positive (for MulSupCon: (anchor, label) rows with ≥ 1 positive).</param>
/// <param name="Normalizer">The divisor of the summed loss (the count for a mean; 1 when the weights already hold it).</param>
public sealed record PositiveWeights(Tensor Weights, Tensor? LabelOnlyTerm, long UnitsCounted, double Normalizer);

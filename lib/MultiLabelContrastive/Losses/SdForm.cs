using MultiLabelContrastive.Relations;

namespace MultiLabelContrastive.Losses;

/// <summary>How the factor K enters the Similarity-Dissimilarity loss (positives as in ANY).</summary>
public enum SdForm
{
    /// <summary>
    /// Eq. 13 as printed: −1/|P| Σ_p [log K_ip + ℓ_ip]. log K depends on labels only, so the gradient equals ANY's
    /// exactly and the value shifts by a label-only constant (<see cref="SdLiteralWeights"/>).
    /// </summary>
    Literal = 0,

    /// <summary>−1/|P| Σ_p K_ip · ℓ_ip: the form whose gradient changes with K (<see cref="SdWeightedWeights"/>).</summary>
    Weighted = 1,

    /// <summary>−1/Σ_p K_ip · Σ_p K_ip · ℓ_ip: weights normalised to sum to one per anchor (<see cref="SdWeightedNormalizedWeights"/>).</summary>
    WeightedNormalized = 2,
}

/// <summary>The loss names of the SD forms.</summary>
internal static class SdNames
{
    /// <summary>"Sd" or "SdJaccard" followed by the form: the <see cref="LossKind"/> name.</summary>
    public static string LossName(this SdFactor factor, SdForm form) => (factor == SdFactor.Jaccard ? "SdJaccard" : "Sd") + form;
}

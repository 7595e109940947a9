namespace MultiLabelContrastive.Losses;

/// <summary>How the factor K enters the Similarity-Dissimilarity loss (positives as in ANY).</summary>
public enum SdForm
{
    /// <summary>
    /// Eq. 13 as printed: −1/|P| Σ_p [log K_ip + ℓ_ip]. log K depends on labels only, so the gradient equals ANY's
    /// exactly and the value shifts by a label-only constant.
    /// </summary>
    Literal = 0,

    /// <summary>−1/|P| Σ_p K_ip · ℓ_ip: the form whose gradient changes with K.</summary>
    Weighted = 1,

    /// <summary>−1/Σ_p K_ip · Σ_p K_ip · ℓ_ip: weights normalised to sum to one per anchor.</summary>
    WeightedNormalized = 2,
}

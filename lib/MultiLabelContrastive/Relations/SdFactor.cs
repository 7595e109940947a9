namespace MultiLabelContrastive.Relations;

/// <summary>Which label-set factor K weights a positive in the Similarity-Dissimilarity loss.</summary>
public enum SdFactor
{
    /// <summary>The paper's K = Ks · Kd = |S ∩ T| / |S| · 1 / (1 + |T \ S|) (Eq. 14, 15). The default.</summary>
    Paper = 0,

    /// <summary>
    /// Beyond the paper: the symmetric Jaccard index |S ∩ T| / |S ∪ T|, which also penalises anchor labels missing
    /// from the sample (the paper's K penalises T \ S but not S \ T). Offered as an option, never the default.
    /// </summary>
    Jaccard = 1,
}

namespace MultiLabelContrastive.Losses;

/// <summary>Every loss of the library by name; the names are those of the golden files and of the results tables.</summary>
public enum LossKind
{
    /// <summary>SupCon ALL: positives share the exact label set.</summary>
    All,
    /// <summary>SupCon ANY: positives share at least one label.</summary>
    Any,
    /// <summary>MulSupCon, mean over (anchor, label) rows.</summary>
    MulSupCon,
    /// <summary>MulSupCon with the reference code's per-sample weight.</summary>
    MulSupConPerSampleWeight,
    /// <summary>SD loss, Eq. 13 as printed (log K inside the sum).</summary>
    SdLiteral,
    /// <summary>SD loss with K weighting each positive's log-probability.</summary>
    SdWeighted,
    /// <summary>SD loss with K weights normalised per anchor.</summary>
    SdWeightedNormalized,
    /// <summary>Literal SD with the Jaccard factor (beyond the paper).</summary>
    SdJaccardLiteral,
    /// <summary>Weighted SD with the Jaccard factor (beyond the paper).</summary>
    SdJaccardWeighted,
    /// <summary>Weighted-normalised SD with the Jaccard factor (beyond the paper).</summary>
    SdJaccardWeightedNormalized,
}

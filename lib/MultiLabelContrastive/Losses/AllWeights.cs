namespace MultiLabelContrastive.Losses;

/// <summary>
/// SupCon's ALL rule: positives of anchor i are the other samples with exactly the same label set (T = S ≠ ∅);
/// per-anchor loss −1/|P| Σ_p ℓ_ip.
/// </summary>
public sealed class AllWeights : IPositiveWeights
{
    /// <inheritdoc />
    public string Name => "All";

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs) =>
        AnchorMean.Uniform(pairs.ExceptSelf(pairs.Labels.Equal()), pairs.DType);
}

namespace MultiLabelContrastive.Losses;

/// <summary>
/// SupCon's ANY rule: positives of anchor i are the other samples sharing at least one label (S ∩ T ≠ ∅);
/// per-anchor loss −1/|P| Σ_p ℓ_ip.
/// </summary>
public sealed class AnyWeights : IPositiveWeights
{
    /// <inheritdoc />
    public string Name => "Any";

    /// <inheritdoc />
    public PositiveWeights Build(PairContext pairs) =>
        AnchorMean.Uniform(pairs.ExceptSelf(pairs.Labels.Overlap()), pairs.DType);
}

namespace MultiLabelContrastive.Losses;

/// <summary>
/// A loss, reduced to what distinguishes it: which pairs are positives and how each is weighted, built from the
/// label algebra of <see cref="PairContext.Labels"/> (no per-pair loops) and handed to the <see cref="LossReducer"/>,
/// which excludes the self pairs and owns counts and divisors. A new loss is a new builder.
/// </summary>
public interface IPositiveWeights
{
    /// <summary>The name used in tables and in the golden files (e.g. "SdWeighted").</summary>
    string Name { get; }

    /// <summary>Builds the weight matrix (and label-only term) for one batch.</summary>
    /// <param name="pairs">The batch's label algebra (reference row i is anchor i).</param>
    /// <param name="reduce">How units are averaged.</param>
    PositiveWeights Build(PairContext pairs, LossReducer reduce);
}

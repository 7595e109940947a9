namespace MultiLabelContrastive.Losses;

/// <summary>
/// A loss, reduced to what distinguishes it: which pairs are positives and how each is weighted, built from
/// label algebra only (matrix products of the label matrix, no per-pair loops). A new loss is a new builder.
/// </summary>
public interface IPositiveWeights
{
    /// <summary>The name used in tables and in the golden files (e.g. "SdWeighted").</summary>
    string Name { get; }

    /// <summary>Builds the weight matrix (and label-only term) for one batch.</summary>
    /// <param name="pairs">The batch's label algebra and self pairs.</param>
    PositiveWeights Build(PairContext pairs);
}

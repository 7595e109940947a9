namespace MultiLabelContrastive.Data.Prepared;

/// <summary>The raw rows of one split of a prepared dataset, exactly as stored.</summary>
public sealed record PreparedSplit
{
    /// <summary>"train", "validation" or "test".</summary>
    public required string Name { get; init; }

    /// <summary>Source id of each row.</summary>
    public required IReadOnlyList<string> Ids { get; init; }

    /// <summary>0-based label columns of each row, ascending.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> LabelIndices { get; init; }

    /// <summary>Tokens: one document per row; null otherwise.</summary>
    public IReadOnlyList<string>? Texts { get; init; }

    /// <summary>Vector: n × F features; null otherwise.</summary>
    public double[,]? Features { get; init; }

    /// <summary>Image: absolute path of each row's image; null otherwise.</summary>
    public IReadOnlyList<string>? ImagePaths { get; init; }

    /// <summary>Number of rows.</summary>
    public int Count => Ids.Count;
}

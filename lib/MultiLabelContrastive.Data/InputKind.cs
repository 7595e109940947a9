namespace MultiLabelContrastive.Data;

/// <summary>What one row of a dataset's input tensor is.</summary>
public enum InputKind
{
    /// <summary>A feature vector: inputs are n × F float32.</summary>
    Vector,

    /// <summary>A token sequence: inputs are n × L int64 ids, 0 = padding, ids in [0, vocabulary size).</summary>
    Tokens,

    /// <summary>An RGB image: inputs are n × 3 × H × W float32 with values in [0, 1].</summary>
    Image,
}

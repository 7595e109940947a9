namespace MultiLabelContrastive.Encoders;

/// <summary>How <see cref="SmallTransformer"/> turns a sequence of token states into one vector.</summary>
public enum TransformerPooling
{
    /// <summary>Mean of the states of the non-padding tokens (0 when a row has none).</summary>
    Mean,

    /// <summary>The state of a learned classification token prepended to every sequence.</summary>
    Cls,
}

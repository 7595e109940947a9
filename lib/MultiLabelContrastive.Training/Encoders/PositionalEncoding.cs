namespace MultiLabelContrastive.Encoders;

/// <summary>How <see cref="SmallTransformer"/> encodes token positions.</summary>
public enum PositionalEncoding
{
    /// <summary>Fixed sinusoids of Vaswani et al. (2017): PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(…).</summary>
    Sinusoidal,

    /// <summary>A learned embedding per position.</summary>
    Learned,
}

namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>Where padding goes in a batch row.</summary>
public enum PaddingSide
{
    /// <summary>After the tokens (BERT, RoBERTa).</summary>
    Right,

    /// <summary>Before the tokens.</summary>
    Left,
}

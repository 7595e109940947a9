using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// An <see cref="Encoder"/> whose classifier reads more than the pooled representation h: stage 2 (on the frozen
/// encoder) and the end-to-end BCE baseline train <see cref="CreateClassifier"/> over <see cref="ClassifierInput"/>
/// instead of a linear layer on h. Stage 1 still contrasts h (the encoder's forward). PLM-ICD's label-wise attention
/// over token states is one (<see cref="Pretrained.PlmIcd.PlmIcdEncoder"/>).
/// </summary>
public interface ITokenStateClassifier
{
    /// <summary>A fresh classifier for <paramref name="labelCount"/> labels: <see cref="ClassifierInput"/>'s output in,
    /// N × C logits out.</summary>
    /// <param name="labelCount">C.</param>
    nn.Module<Tensor, Tensor> CreateClassifier(int labelCount);

    /// <summary>What the classifier reads for a batch of inputs (e.g. N × T × H token states).</summary>
    /// <param name="inputs">A batch of the encoder's inputs, on its device.</param>
    Tensor ClassifierInput(Tensor inputs);
}

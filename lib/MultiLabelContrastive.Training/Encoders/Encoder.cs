using MultiLabelContrastive.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Encoders;

/// <summary>
/// A backbone that maps a batch of inputs to representation vectors: N × … in, N × <see cref="OutputSize"/> out.
/// The trainer puts a <see cref="ProjectionHead"/> on top for contrastive pretraining and a linear classifier for the
/// probe and the BCE baseline.
/// </summary>
/// <remarks>Concrete encoders are sealed TorchSharp modules whose checkpoints are keyed by their field names.</remarks>
public abstract class Encoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module with a name (used as the prefix of nothing: TorchSharp names come from fields).</summary>
    /// <param name="name">Module name.</param>
    protected Encoder(string name) : base(name)
    {
    }

    /// <summary>Length H of the representation vector of one input row.</summary>
    public abstract long OutputSize { get; }

    /// <summary>The input kind this encoder reads (vectors, token ids or images).</summary>
    public abstract InputKind Input { get; }
}

using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>The batch loss and how many anchors counted towards it.</summary>
/// <param name="Loss">Scalar loss tensor on the autograd graph (0 with a zero gradient when nothing counted).</param>
/// <param name="AnchorsCounted">Anchors with ≥ 1 positive; for MulSupCon the (anchor, label) rows with ≥ 1 positive.</param>
public sealed record LossResult(Tensor Loss, long AnchorsCounted);

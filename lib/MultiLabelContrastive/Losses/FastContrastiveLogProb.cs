using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// Contract: <see cref="ContrastiveLogProb"/>'s ℓ off the leading diagonal, a finite ≈ −1e30 on it — valid only inside
/// Σ_ij W_ij ℓ_ij with W_ii = 0 and reference row i = anchor i (what <see cref="LossReducer"/> guarantees).
/// </summary>
/// <remarks>
/// exp(−1e30 − max) is exactly 0 in float32 and float64, so every other ℓ_ij and every gradient equal those with −∞,
/// and ℓ needs no second masked copy to zero the self entries. The stand-in is written through a detached alias,
/// outside the autograd graph: the gradient reaching a self logit is W_ii·(…) − softmax_ii·(…) = 0 − 0 exactly, so
/// recording the fill would change nothing but cost one more Ma×Mr pass backward. Other dtypes get the public form.
/// </remarks>
internal static class FastContrastiveLogProb
{
    private const double FiniteSelfLogit = -1e30;

    public static Tensor Compute(Tensor anchors, Tensor reference, double temperature)
    {
        if (anchors.dtype is not (ScalarType.Float32 or ScalarType.Float64))
        {
            using var selfMask = eye(anchors.shape[0], reference.shape[0], ScalarType.Bool, anchors.device);
            return ContrastiveLogProb.Compute(anchors, reference, temperature, selfMask);
        }
        using var scope = NewDisposeScope();
        var logits = ContrastiveLogProb.Logits(anchors, reference, temperature);
        if (reference.shape[0] < 2) return (logits * 0.0).MoveToOuterDisposeScope(); // no other sample: ℓ = 0, zero gradient
        using (var alias = logits.detach())
        using (var diagonal = alias.diagonal())
            diagonal.fill_(FiniteSelfLogit);
        return nn.functional.log_softmax(logits, 1).MoveToOuterDisposeScope();
    }
}

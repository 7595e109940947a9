using MultiLabelContrastive.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Losses;

/// <summary>
/// The shared core of every loss: the matrix of log-probabilities
/// ℓ_ij = z_i·z_j/τ − log Σ_{a ∈ A(i)} exp(z_i·z_a/τ), A(i) = every reference row except anchor i itself.
/// </summary>
/// <remarks>
/// Embeddings are L2-normalised first (z / max(‖z‖, 1e-12)); 1/τ scales the Ma×D anchors, not the Ma×Mr logits.
/// One fused log-softmax over the logits with self pairs masked to −∞ shifts each log-sum-exp by the row maximum
/// over A(i) — not by the self-similarity, which would underflow every other term at τ = 0.01 in float32. Self
/// pairs get ℓ = 0 and no gradient; they never carry weight. Follows SupCon (Khosla et al. 2020), with the
/// self-exclusion of its <c>logits_mask</c>.
/// </remarks>
public static class ContrastiveLogProb
{
    /// <summary>Computes ℓ for anchors against a reference set.</summary>
    /// <param name="anchors">Ma×D raw anchor embeddings (normalised here).</param>
    /// <param name="reference">Mr×D raw reference embeddings (normalised here).</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <param name="selfMask">Ma×Mr boolean: true where the reference row is the anchor itself.</param>
    /// <returns>Ma×Mr log-probabilities (0 on self pairs), in the embeddings' dtype and device.</returns>
    public static Tensor Compute(Tensor anchors, Tensor reference, double temperature, Tensor selfMask)
    {
        TensorArgs.Temperature(temperature, nameof(temperature));
        using var scope = NewDisposeScope();
        var logits = Logits(anchors, reference, temperature);
        if (reference.shape[0] < 2) return (logits * 0.0).MoveToOuterDisposeScope(); // no other sample: ℓ = 0, zero gradient
        var logProb = nn.functional.log_softmax(logits.masked_fill_(selfMask, double.NegativeInfinity), 1); // in place: matmul's backward needs only its inputs
        return logProb.masked_fill(selfMask, 0.0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A finite stand-in for −∞ on the self logits when the caller only ever multiplies ℓ by weights that are 0 on
    /// self pairs: exp(−1e30 − max) is exactly 0 in float32 and float64, so every other ℓ_ij and every gradient is
    /// the same as with −∞, the self ℓ_ii stays finite (≈ −1e30, and 0 · ℓ_ii = 0), and ℓ needs no second masked
    /// copy to zero them.
    /// </summary>
    private const double FiniteSelfLogit = -1e30;

    /// <summary>
    /// ℓ for a loss whose weights are 0 on every self pair, reference row i being anchor i (the self pairs are the
    /// leading diagonal): as <see cref="Compute(Tensor, Tensor, double, Tensor)"/> but the self entries hold a huge
    /// negative finite value instead of 0 (float32/float64; other dtypes get the public form).
    /// </summary>
    internal static Tensor ComputeForZeroSelfWeights(Tensor anchors, Tensor reference, double temperature)
    {
        if (anchors.dtype is not (ScalarType.Float32 or ScalarType.Float64))
        {
            using var selfMask = eye(anchors.shape[0], reference.shape[0], ScalarType.Bool, anchors.device);
            return Compute(anchors, reference, temperature, selfMask);
        }
        using var scope = NewDisposeScope();
        var logits = Logits(anchors, reference, temperature);
        if (reference.shape[0] < 2) return (logits * 0.0).MoveToOuterDisposeScope(); // no other sample: ℓ = 0, zero gradient
        // The stand-in is written through a detached alias, outside the autograd graph: the gradient reaching a self
        // logit is W_ii·(…) − softmax_ii·(…) = 0 − 0 exactly, so recording the fill (and zeroing that gradient again
        // in the backward pass, one more Ma×Mr pass) would change nothing. Only the diagonal is written.
        using (var alias = logits.detach())
        using (var diagonal = alias.diagonal())
            diagonal.fill_(FiniteSelfLogit);
        return nn.functional.log_softmax(logits, 1).MoveToOuterDisposeScope();
    }

    /// <summary>z_a · z_rᵀ / τ for L2-normalised rows (1/τ scales the Ma×D anchors, not the Ma×Mr product).</summary>
    private static Tensor Logits(Tensor anchors, Tensor reference, double temperature)
    {
        var za = nn.functional.normalize(anchors, p: 2, dim: 1, eps: 1e-12);
        var zr = ReferenceEquals(anchors, reference) ? za : nn.functional.normalize(reference, p: 2, dim: 1, eps: 1e-12);
        return (za / temperature).matmul(zr.t());
    }
}

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
/// self-exclusion of its <c>logits_mask</c>. The loss itself runs <see cref="FastContrastiveLogProb"/>, equal to this
/// off the self pairs.
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

    /// <summary>z_a · z_rᵀ / τ for L2-normalised rows (1/τ scales the Ma×D anchors, not the Ma×Mr product).</summary>
    internal static Tensor Logits(Tensor anchors, Tensor reference, double temperature)
    {
        var za = nn.functional.normalize(anchors, p: 2, dim: 1, eps: 1e-12);
        var zr = ReferenceEquals(anchors, reference) ? za : nn.functional.normalize(reference, p: 2, dim: 1, eps: 1e-12);
        return (za / temperature).matmul(zr.t());
    }
}

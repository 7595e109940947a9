using static TorchSharp.torch;

namespace MultiLabelContrastive.Pretrained.Llama;

/// <summary>
/// Rotary position embedding (RoPE) of Llama: the inverse frequencies θ^(−2i/d), i = 0 … d/2 − 1, optionally rescaled by
/// Llama 3.1's <c>llama3</c> rule, and the cos/sin tables that rotate query and key pairs (first half, second half) of
/// every head.
/// </summary>
/// <remarks>
/// The llama3 rule (Hugging Face's <c>_compute_llama3_parameters</c>, restated): with wavelength λ = 2π / f, the original
/// context length L₀ and the factors s (factor), a (low_freq_factor) and b (high_freq_factor):
/// λ &lt; L₀ / b keeps f; λ &gt; L₀ / a gives f / s; in between f ↦ (1 − t) f / s + t f with t = (L₀ / λ − a) / (b − a).
/// Frequencies and angles are computed in float32 as in the reference; cos and sin are then cast to the model's dtype.
/// </remarks>
public sealed class RotaryEmbedding
{
    private readonly float[] inverseFrequencies;

    /// <summary>Creates the frequencies of one head.</summary>
    /// <param name="headSize">d (even).</param>
    /// <param name="theta">Base θ.</param>
    /// <param name="scaling">The llama3 scaling, or null.</param>
    public RotaryEmbedding(long headSize, double theta, Llama3RopeScaling? scaling)
    {
        if (headSize < 2 || headSize % 2 != 0) throw new ArgumentOutOfRangeException(nameof(headSize), headSize, "The head size must be even and ≥ 2.");
        var half = (int)(headSize / 2);
        inverseFrequencies = new float[half];
        for (var i = 0; i < half; i++)
        {
            var exponent = (float)(2 * i) / headSize;                     // float32, as torch.arange(...).float() / dim
            var f = 1f / MathF.Pow((float)theta, exponent);
            inverseFrequencies[i] = scaling is null ? f : Llama3(f, scaling);
        }
    }

    /// <summary>The inverse frequencies f_i (length d/2), after scaling.</summary>
    public IReadOnlyList<float> InverseFrequencies => inverseFrequencies;

    /// <summary>cos and sin tables for positions 0 … T − 1: each T × d in <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    /// <param name="length">T.</param>
    /// <param name="dtype">Dtype of the model's activations.</param>
    /// <param name="device">Device of the model.</param>
    public (Tensor Cos, Tensor Sin) Tables(long length, ScalarType dtype, Device device)
    {
        using var scope = NewDisposeScope();
        var positions = arange(length, ScalarType.Float32, device).unsqueeze(1);                 // T × 1
        var frequencies = tensor(inverseFrequencies, ScalarType.Float32).to(device).unsqueeze(0); // 1 × d/2
        var angles = positions * frequencies;
        var both = cat([angles, angles], 1);                                                      // T × d
        return (both.cos().to_type(dtype).MoveToOuterDisposeScope(), both.sin().to_type(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>Rotates B × heads × T × d queries or keys: x cos + rotate_half(x) sin, rotate_half(x) = (−x₂, x₁).</summary>
    /// <param name="x">B × heads × T × d.</param>
    /// <param name="cos">T × d.</param>
    /// <param name="sin">T × d.</param>
    public static Tensor Rotate(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return (x * cos + rotated * sin).MoveToOuterDisposeScope();
    }

    private static float Llama3(float frequency, Llama3RopeScaling s)
    {
        var lowFrequencyWavelength = (float)(s.OriginalMaxPositions / s.LowFrequencyFactor);
        var highFrequencyWavelength = (float)(s.OriginalMaxPositions / s.HighFrequencyFactor);
        var wavelength = 2 * MathF.PI / frequency;
        if (wavelength < highFrequencyWavelength) return frequency;
        if (wavelength > lowFrequencyWavelength) return frequency / (float)s.Factor;
        var t = ((float)s.OriginalMaxPositions / wavelength - (float)s.LowFrequencyFactor) / (float)(s.HighFrequencyFactor - s.LowFrequencyFactor);
        return (1 - t) * frequency / (float)s.Factor + t * frequency;
    }
}

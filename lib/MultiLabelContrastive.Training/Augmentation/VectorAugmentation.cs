using static TorchSharp.torch;

namespace MultiLabelContrastive.Augmentation;

/// <summary>
/// Views of feature vectors: each feature is zeroed independently with probability p (feature dropout, no rescaling),
/// then Gaussian noise of standard deviation σ is added: x' = m ⊙ x + σ ε, m_ij ~ Bernoulli(1 − p), ε_ij ~ N(0, 1).
/// </summary>
/// <remarks>Input: N × F floating point. MulSupCon's recipe for yeast is p = 0.5, σ = 0.</remarks>
public sealed class VectorAugmentation : ViewAugmentation
{
    /// <summary>Creates a vector augmentation.</summary>
    /// <param name="featureDropProbability">p, probability of zeroing a feature. Range: [0, 1).</param>
    /// <param name="noiseStd">σ of the additive Gaussian noise. Range: ≥ 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">p or σ is out of range.</exception>
    public VectorAugmentation(double featureDropProbability = 0.5, double noiseStd = 0)
    {
        CheckProbability(featureDropProbability, nameof(featureDropProbability), upperExclusive: true);
        if (!(noiseStd >= 0 && double.IsFinite(noiseStd)))
            throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "noiseStd must be finite and ≥ 0.");
        FeatureDropProbability = featureDropProbability;
        NoiseStd = noiseStd;
    }

    /// <summary>MulSupCon's views for vector data: each feature zeroed with probability 0.5, no noise.</summary>
    public static VectorAugmentation MulSupCon() => new(0.5, 0);

    /// <summary>p, probability of zeroing a feature.</summary>
    public double FeatureDropProbability { get; }

    /// <summary>σ of the additive Gaussian noise.</summary>
    public double NoiseStd { get; }

    /// <summary>One view of N × F vectors.</summary>
    /// <param name="inputs">N × F floating point, any device.</param>
    /// <param name="generator">CPU generator: draws an N × F uniform matrix, then (σ &gt; 0) an N × F normal matrix.</param>
    public override Tensor Apply(Tensor inputs, Generator generator)
    {
        CheckBatch(inputs, 2, "N × F vectors", null);
        using var scope = NewDisposeScope();
        var keep = rand(inputs.shape, generator: generator).ge(FeatureDropProbability).to(inputs.device).to_type(inputs.dtype);
        var view = inputs * keep;
        if (NoiseStd > 0) view = view + randn(inputs.shape, generator: generator).to(inputs.device).to_type(inputs.dtype) * NoiseStd;
        return view.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => $"feature dropout p = {FeatureDropProbability}, Gaussian noise σ = {NoiseStd}";
}

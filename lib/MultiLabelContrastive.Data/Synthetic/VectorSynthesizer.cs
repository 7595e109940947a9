namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// Feature vectors x = tanh(1.5 · W [z; u]) + σ ε: z = Σ a_c μ_c / √(Σ a_c²) + 0.3 η mixes the prototypes μ_c ∈ ℝ^H of
/// the active labels, u ~ N(0, I) is a label-independent nuisance, W is a fixed random F × (H + H_n) matrix. With a
/// hierarchy μ_c = 0.75 π_g + 0.66 ν_c shares a parent prototype π_g among siblings.
/// </summary>
internal sealed class VectorSynthesizer
{
    private readonly SyntheticOptions _options;
    private readonly double[][] _prototypes;
    private readonly double[,] _mixing;

    public VectorSynthesizer(SyntheticOptions options, LabelStructure structure, SeededRandom random)
    {
        _options = options;
        int h = options.LatentDimension, inputs = h + options.NuisanceDimension;
        var parents = Enumerable.Range(0, structure.ClusterCount).Select(_ => Gaussians(random, h)).ToArray();
        _prototypes = Enumerable.Range(0, structure.LabelCount).Select(c =>
        {
            var own = Gaussians(random, h);
            if (!structure.HasHierarchy) return own;
            var parent = parents[structure.ClusterOf[c]];
            return own.Select((v, j) => 0.75 * parent[j] + 0.66 * v).ToArray();
        }).ToArray();
        _mixing = new double[options.FeatureCount, inputs];
        var scale = 1.0 / Math.Sqrt(inputs);
        for (var f = 0; f < options.FeatureCount; f++)
        for (var j = 0; j < inputs; j++)
            _mixing[f, j] = random.Gaussian() * scale;
    }

    public void Row(int[] labels, double[] weights, SeededRandom random, float[] destination, long offset)
    {
        int h = _options.LatentDimension, inputs = h + _options.NuisanceDimension;
        var latent = new double[inputs];
        var norm = Math.Sqrt(weights.Sum(a => a * a));
        for (var i = 0; i < labels.Length; i++)
        {
            var prototype = _prototypes[labels[i]];
            for (var j = 0; j < h; j++) latent[j] += weights[i] * prototype[j] / norm;
        }
        for (var j = 0; j < h; j++) latent[j] += 0.3 * random.Gaussian();
        for (var j = h; j < inputs; j++) latent[j] = random.Gaussian();
        for (var f = 0; f < _options.FeatureCount; f++)
        {
            double sum = 0;
            for (var j = 0; j < inputs; j++) sum += _mixing[f, j] * latent[j];
            destination[offset + f] = (float)(Math.Tanh(1.5 * sum) + _options.NoiseStd * random.Gaussian());
        }
    }

    private static double[] Gaussians(SeededRandom random, int count) => Enumerable.Range(0, count).Select(_ => random.Gaussian()).ToArray();
}

namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// System.Random with a fixed seed (its seeded algorithm is stable across runs and platforms) plus the draws the
/// generators need: Gaussian (Box–Muller), Poisson, weighted choice over a cumulative table.
/// </summary>
internal sealed class SeededRandom
{
    private readonly Random _random;
    private double? _spareGaussian;

    public SeededRandom(int seed, int stream) => _random = new Random(unchecked(seed * 1_000_003 + stream * 7_919 + 17) & int.MaxValue);

    public double NextDouble() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public double Gaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Poisson(λ): Knuth's product method for λ ≤ 30, a rounded normal approximation above.</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Gaussian()));
        var limit = Math.Exp(-lambda);
        var k = 0;
        var product = _random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }
        return k;
    }

    /// <summary>Index i with probability (cumulative[i] − cumulative[i−1]) / cumulative[^1].</summary>
    public int Choose(double[] cumulative)
    {
        var target = _random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        if (index < 0) index = ~index;
        return Math.Min(index, cumulative.Length - 1);
    }

    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = new List<double>();
        double total = 0;
        foreach (var w in weights) list.Add(total += w);
        return list.ToArray();
    }
}

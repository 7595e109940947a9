using static TorchSharp.torch;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>
/// Long-tailed synthetic multi-hot labels: label c is drawn with Zipf weight 1/(c+1), a sample's cardinality is
/// 1 + Poisson(mean − 1) (at least one label, at most C), labels of a sample are distinct.
/// </summary>
public static class ZipfLabels
{
    /// <summary>An M×C float32 0/1 matrix.</summary>
    /// <param name="rows">M.</param>
    /// <param name="space">C and the mean cardinality.</param>
    /// <param name="seed">Seed of the generator.</param>
    public static Tensor Create(int rows, LabelSpace space, int seed)
    {
        int c = space.Labels;
        var data = new float[(long)rows * c];
        int i = 0;
        foreach (var set in Sets(rows, space, seed))
        {
            foreach (var l in set) data[(long)i * c + l] = 1f;
            i++;
        }
        return tensor(data, [rows, c]);
    }

    /// <summary>The label sets of <paramref name="rows"/> samples (distinct labels, at least one per sample).</summary>
    /// <param name="rows">Number of samples.</param>
    /// <param name="space">C and the mean cardinality.</param>
    /// <param name="seed">Seed of the generator.</param>
    public static IEnumerable<int[]> Sets(int rows, LabelSpace space, int seed)
    {
        int c = space.Labels;
        var random = new Random(seed);
        var cumulative = new double[c];
        double total = 0;
        for (int l = 0; l < c; l++) cumulative[l] = total += 1.0 / (l + 1);
        var chosen = new HashSet<int>();
        for (int i = 0; i < rows; i++)
        {
            int k = Math.Clamp(1 + Poisson(random, space.MeanCardinality - 1), 1, c);
            chosen.Clear();
            while (chosen.Count < k)
            {
                int l = Array.BinarySearch(cumulative, random.NextDouble() * total);
                chosen.Add(l < 0 ? Math.Min(~l, c - 1) : l);
            }
            yield return chosen.ToArray();
        }
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal(random)));
        double limit = Math.Exp(-mean), product = random.NextDouble();
        int n = 0;
        while (product > limit) { product *= random.NextDouble(); n++; }
        return n;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

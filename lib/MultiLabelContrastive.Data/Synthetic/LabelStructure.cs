namespace MultiLabelContrastive.Data.Synthetic;

/// <summary>
/// The latent label structure of a synthetic dataset: Zipf weights, co-occurrence clusters (or hierarchy groups) and
/// the sampler of label sets described in <see cref="SyntheticOptions"/>.
/// </summary>
internal sealed class LabelStructure
{
    private readonly double[] _globalCumulative;
    private readonly int[][] _clusterMembers;
    private readonly double[][] _clusterCumulative;
    private readonly double _meanLabels;
    private readonly double _affinity;

    public LabelStructure(SyntheticOptions options, SeededRandom random)
    {
        LabelCount = options.LabelCount;
        Weights = Enumerable.Range(0, LabelCount).Select(c => Math.Pow(c + 1, -options.ZipfExponent)).ToArray();
        _globalCumulative = SeededRandom.Cumulative(Weights);
        _meanLabels = options.MeanLabelsPerSample;
        _affinity = options.ClusterAffinity;
        HasHierarchy = options.HierarchyGroups > 0;
        ClusterCount = options.EffectiveClusterCount;

        // Frequent and rare labels spread over the clusters: a shuffled round robin.
        var order = Enumerable.Range(0, LabelCount).ToArray();
        random.Shuffle(order);
        ClusterOf = new int[LabelCount];
        for (var i = 0; i < order.Length; i++) ClusterOf[order[i]] = i % ClusterCount;
        _clusterMembers = Enumerable.Range(0, ClusterCount)
            .Select(k => Enumerable.Range(0, LabelCount).Where(c => ClusterOf[c] == k).ToArray()).ToArray();
        _clusterCumulative = _clusterMembers.Select(m => SeededRandom.Cumulative(m.Select(c => Weights[c]))).ToArray();
        LabelNames = Enumerable.Range(0, LabelCount)
            .Select(c => HasHierarchy ? $"g{ClusterOf[c]:D2}.l{c:D3}" : $"label{c:D3}").ToArray();
    }

    public int LabelCount { get; }

    public int ClusterCount { get; }

    public bool HasHierarchy { get; }

    /// <summary>Zipf weight of each label (label 0 largest).</summary>
    public double[] Weights { get; }

    /// <summary>Cluster (or parent group) of each label.</summary>
    public int[] ClusterOf { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>A label set (sorted, distinct, 1 ≤ k ≤ C).</summary>
    public int[] Sample(SeededRandom random)
    {
        var k = Math.Clamp(1 + random.Poisson(_meanLabels - 1), 1, LabelCount);
        var chosen = new HashSet<int>();
        var first = random.Choose(_globalCumulative);
        chosen.Add(first);
        var cluster = ClusterOf[first];
        while (chosen.Count < k)
        {
            var fromCluster = random.NextDouble() < _affinity && chosen.Count(c => ClusterOf[c] == cluster) < _clusterMembers[cluster].Length;
            var label = fromCluster
                ? Draw(random, _clusterMembers[cluster], _clusterCumulative[cluster], chosen)
                : Draw(random, null, _globalCumulative, chosen);
            chosen.Add(label);
        }
        var result = chosen.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>Mixing weights a_c ~ U(0.5, 1.5) for the labels of a set.</summary>
    public static double[] MixingWeights(int[] labels, SeededRandom random) =>
        labels.Select(_ => random.Uniform(0.5, 1.5)).ToArray();

    private static int Draw(SeededRandom random, int[]? members, double[] cumulative, HashSet<int> chosen)
    {
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var index = random.Choose(cumulative);
            var label = members is null ? index : members[index];
            if (!chosen.Contains(label)) return label;
        }
        // Rare case (most of the weight already chosen): draw among the remaining labels by weight.
        var remaining = Enumerable.Range(0, cumulative.Length)
            .Where(i => !chosen.Contains(members is null ? i : members[i]))
            .ToArray();
        var weights = remaining.Select(i => cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]));
        var pick = remaining[random.Choose(SeededRandom.Cumulative(weights))];
        return members is null ? pick : members[pick];
    }
}

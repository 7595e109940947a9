namespace MultiLabelContrastive.Tests.Support;

/// <summary>A reproducible random batch: raw embeddings and multi-hot labels.</summary>
internal sealed record RandomBatch(double[,] Z, int[,] Y)
{
    public int M => Z.GetLength(0);
    public int D => Z.GetLength(1);
    public int C => Y.GetLength(1);

    public static RandomBatch Create(int seed, int m, int d, int c, double labelProbability, double emptyRowProbability = 0.1)
    {
        var random = new Random(seed);
        var z = new double[m, d];
        var y = new int[m, c];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < d; k++) z[i, k] = random.NextDouble() * 2 - 1;
            if (random.NextDouble() < emptyRowProbability) continue;
            for (int l = 0; l < c; l++) y[i, l] = random.NextDouble() < labelProbability ? 1 : 0;
        }
        return new RandomBatch(z, y);
    }

    public HashSet<int> LabelSet(int row) => Enumerable.Range(0, C).Where(l => Y[row, l] == 1).ToHashSet();

    public RandomBatch Permuted(int[] order)
    {
        var z = new double[M, D];
        var y = new int[M, C];
        for (int i = 0; i < M; i++)
        {
            for (int k = 0; k < D; k++) z[i, k] = Z[order[i], k];
            for (int l = 0; l < C; l++) y[i, l] = Y[order[i], l];
        }
        return new RandomBatch(z, y);
    }
}

namespace MultiLabelContrastive.Data.Internal;

/// <summary>
/// Per-column z-scoring fitted on one matrix: x' = (x − mean_j) / std_j with the population standard deviation
/// (divisor n, as scikit-learn's StandardScaler); a constant column (std = 0) is only centred (divisor 1).
/// </summary>
internal sealed class Standardizer
{
    private Standardizer(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    public double[] Mean { get; }

    public double[] Scale { get; }

    public static Standardizer Fit(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++) sum += x[i, j];
            var m = n == 0 ? 0 : sum / n;
            double sq = 0;
            for (var i = 0; i < n; i++) sq += (x[i, j] - m) * (x[i, j] - m);
            var std = n == 0 ? 0 : Math.Sqrt(sq / n);
            mean[j] = m;
            scale[j] = std > 1e-12 ? std : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    public float[] Apply(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var result = new float[n * d];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < d; j++)
            result[i * d + j] = (float)((x[i, j] - Mean[j]) / Scale[j]);
        return result;
    }
}

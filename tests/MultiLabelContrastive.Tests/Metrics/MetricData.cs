namespace MultiLabelContrastive.Tests.Metrics;

/// <summary>Random score/truth matrices and conversions for the metric tests.</summary>
internal static class MetricData
{
    /// <summary>
    /// n×C scores in [0, 1] rounded to <paramref name="decimals"/> (few decimals: many ties) and truth with positive
    /// rate <paramref name="positiveRate"/>, scores shifted up a little for positives so the metrics are informative.
    /// </summary>
    public static (double[,] Scores, int[,] Truth) Random(int seed, int n, int c, double positiveRate = 0.3, int decimals = 2)
    {
        var random = new Random(seed);
        var scores = new double[n, c];
        var truth = new int[n, c];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++)
            {
                truth[i, j] = random.NextDouble() < positiveRate ? 1 : 0;
                double s = Math.Clamp(random.NextDouble() * 0.8 + 0.25 * truth[i, j], 0, 1);
                scores[i, j] = Math.Round(s, decimals);
            }
        return (scores, truth);
    }

    public static float[,] ToFloat(double[,] a)
    {
        var f = new float[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                f[i, j] = (float)a[i, j];
        return f;
    }

    public static double[,] ToDouble(float[,] a)
    {
        var d = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                d[i, j] = a[i, j];
        return d;
    }

    /// <summary>Rows <paramref name="first"/> .. first + count − 1.</summary>
    public static T[,] Rows<T>(T[,] a, int first, int count)
    {
        var r = new T[count, a.GetLength(1)];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = a[first + i, j];
        return r;
    }

    /// <summary>Row i of the result is row order[i] of the input.</summary>
    public static T[,] PermuteRows<T>(T[,] a, int[] order)
    {
        var r = new T[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < order.Length; i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = a[order[i], j];
        return r;
    }

    public static double[,] Map(double[,] a, Func<double, double> f)
    {
        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = f(a[i, j]);
        return r;
    }
}

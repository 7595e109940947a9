using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Internal;

/// <summary>Builds CPU tensors from managed arrays.</summary>
internal static class Tensors
{
    public static Tensor Float32(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var flat = new float[n * d];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < d; j++)
            flat[i * d + j] = (float)x[i, j];
        return tensor(flat, [n, d], ScalarType.Float32);
    }

    public static Tensor Float32(float[] flat, long rows, long columns) => tensor(flat, [rows, columns], ScalarType.Float32);

    public static Tensor Labels(long[,] y)
    {
        int n = y.GetLength(0), c = y.GetLength(1);
        var flat = new float[n * c];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < c; j++)
            flat[i * c + j] = y[i, j];
        return tensor(flat, [n, c], ScalarType.Float32);
    }

    public static Tensor Labels(bool[,] y)
    {
        int n = y.GetLength(0), c = y.GetLength(1);
        var flat = new float[n * c];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < c; j++)
            flat[i * c + j] = y[i, j] ? 1f : 0f;
        return tensor(flat, [n, c], ScalarType.Float32);
    }
}

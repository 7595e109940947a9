using System.Text.Json;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Tests.Support;

/// <summary>Conversions from golden-file JSON to arrays and tensors.</summary>
internal static class Json
{
    public static double[,] Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength();
        int cols = rows == 0 ? 0 : e[0].GetArrayLength();
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m[i, j] = e[i][j].GetDouble();
        return m;
    }

    public static Tensor Tensor(JsonElement e, ScalarType dtype) => tensor(Matrix(e)).to_type(dtype);

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    public static double? NullableDouble(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
}

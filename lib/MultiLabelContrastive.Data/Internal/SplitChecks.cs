using static TorchSharp.torch;

namespace MultiLabelContrastive.Data.Internal;

/// <summary>Shape, dtype and value checks of split tensors; messages name the argument, the shape and the first bad row.</summary>
internal static class SplitChecks
{
    public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    public static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    public static void Alive(Tensor t, string paramName)
    {
        ArgumentNullException.ThrowIfNull(t, paramName);
        if (t.IsInvalid) throw new ArgumentException("The tensor has been disposed.", paramName);
    }

    /// <summary>n × C float32 with every entry 0 or 1.</summary>
    public static void Labels(Tensor labels, string paramName)
    {
        Alive(labels, paramName);
        if (labels.dim() != 2)
            throw new ArgumentException($"Labels must be a 2-D tensor (rows × labels) but got shape {Shape(labels)}.", paramName);
        if (labels.dtype != ScalarType.Float32)
            throw new ArgumentException($"Labels must be float32 (0/1) but got {labels.dtype}.", paramName);
        if (labels.shape[1] == 0)
            throw new ArgumentException($"Labels must have at least one column but got shape {Shape(labels)}.", paramName);
        using var scope = NewDisposeScope();
        var bad = labels.ne(0).logical_and(labels.ne(1));
        if (bad.any().item<bool>())
        {
            var first = bad.nonzero()[0];
            long row = first[0].item<long>(), col = first[1].item<long>();
            var value = labels[row, col].item<float>();
            throw new ArgumentException($"Labels must be 0 or 1; found {value} at row {row}, column {col}.", paramName);
        }
    }

    /// <summary>The input tensor matches its kind: Vector n×F float32 finite; Tokens n×L int64 ≥ 0; Image n×3×H×W uint8 pixels
    /// (any value), or float32 in [0, 1], or with <paramref name="imageNetNormalized"/> within the ImageNet normalisation of
    /// [0, 1] pixels.</summary>
    public static void Inputs(Tensor inputs, InputKind kind, string paramName, bool imageNetNormalized = false)
    {
        Alive(inputs, paramName);
        switch (kind)
        {
            case InputKind.Vector:
                if (inputs.dim() != 2 || inputs.shape[1] == 0)
                    throw new ArgumentException($"Vector inputs must be n × F (F ≥ 1) but got shape {Shape(inputs)}.", paramName);
                if (inputs.dtype != ScalarType.Float32)
                    throw new ArgumentException($"Vector inputs must be float32 but got {inputs.dtype}.", paramName);
                FirstBad(inputs, t => t.isfinite().logical_not(), "Vector inputs must be finite", paramName);
                break;
            case InputKind.Tokens:
                if (inputs.dim() != 2 || inputs.shape[1] == 0)
                    throw new ArgumentException($"Token inputs must be n × L (L ≥ 1) but got shape {Shape(inputs)}.", paramName);
                if (inputs.dtype != ScalarType.Int64)
                    throw new ArgumentException($"Token inputs must be int64 ids but got {inputs.dtype}.", paramName);
                FirstBad(inputs, t => t.lt(0), "Token ids must be ≥ 0 (0 = padding)", paramName);
                break;
            case InputKind.Image:
                if (inputs.dim() != 4 || inputs.shape[1] != 3 || inputs.shape[2] == 0 || inputs.shape[3] == 0)
                    throw new ArgumentException($"Image inputs must be n × 3 × H × W but got shape {Shape(inputs)}.", paramName);
                if (inputs.dtype == ScalarType.Byte) break; // uint8 pixels: every value is a pixel, converted when rows are read
                if (inputs.dtype != ScalarType.Float32)
                    throw new ArgumentException(
                        $"Image inputs must be float32 (values in [0, 1] or the ImageNet normalisation) or uint8 pixels (0–255) but got {inputs.dtype}.", paramName);
                if (imageNetNormalized)
                {
                    // (0 − mean_c) / std_c ≤ x ≤ (1 − mean_c) / std_c per channel, with float32 rounding room.
                    const double slack = 1e-4;
                    var mean = Images.ImageNetPreprocessing.Mean;
                    var std = Images.ImageNetPreprocessing.Std;
                    using var low = tensor(Enumerable.Range(0, 3).Select(c => (float)(-mean[c] / std[c] - slack)).ToArray()).view(1, 3, 1, 1);
                    using var high = tensor(Enumerable.Range(0, 3).Select(c => (float)((1 - mean[c]) / std[c] + slack)).ToArray()).view(1, 3, 1, 1);
                    FirstBad(inputs, t => t.isfinite().logical_not().logical_or(t.lt(low)).logical_or(t.gt(high)),
                        "Image values in the ImageNet normalisation must lie in [(0 − mean) / std, (1 − mean) / std] per channel", paramName);
                }
                else
                {
                    FirstBad(inputs, t => t.isfinite().logical_not().logical_or(t.lt(0)).logical_or(t.gt(1)),
                        "Image values must lie in [0, 1]", paramName);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind.");
        }
    }

    private static void FirstBad(Tensor t, Func<Tensor, Tensor> badMask, string what, string paramName)
    {
        if (t.shape[0] == 0) return;
        using var scope = NewDisposeScope();
        var bad = badMask(t);
        if (!bad.any().item<bool>()) return;
        var index = bad.nonzero()[0];
        var position = string.Join(", ", index.data<long>().ToArray());
        var value = t[index.data<long>().Select(i => TensorIndex.Single(i)).ToArray()].to(ScalarType.Float64).item<double>();
        throw new ArgumentException($"{what}; found {value} at row {index[0].item<long>()} (index [{position}]).", paramName);
    }
}

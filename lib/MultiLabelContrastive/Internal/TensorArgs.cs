using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Internal;

/// <summary>Validation of tensor arguments at the public boundary; messages name the argument and the offence.</summary>
internal static class TensorArgs
{
    public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    public static void Matrix(Tensor t, string paramName)
    {
        ArgumentNullException.ThrowIfNull(t, paramName);
        if (t.IsInvalid) throw new ArgumentException("The tensor has been disposed.", paramName);
        if (t.dim() != 2) throw new ArgumentException($"Expected a 2-D tensor (rows × columns) but got shape {Shape(t)}.", paramName);
    }

    /// <summary>Finite floating-point 2-D tensor (embeddings).</summary>
    public static void FiniteFloatMatrix(Tensor t, string paramName)
    {
        Matrix(t, paramName);
        if (!t.is_floating_point())
            throw new ArgumentException($"Expected a floating-point tensor (float32 or float64) but got {t.dtype}.", paramName);
        using var scope = NewDisposeScope();
        var bad = t.isfinite().logical_not();
        if (bad.any().item<bool>())
        {
            var first = bad.nonzero()[0];
            long row = first[0].item<long>(), col = first[1].item<long>();
            var value = t[row, col].to(float64).item<double>();
            throw new ArgumentException($"Non-finite value {value} at row {row}, column {col} of a {Shape(t)} tensor.", paramName);
        }
    }

    public static void SameRows(Tensor a, string aName, Tensor b, string bName)
    {
        if (a.shape[0] != b.shape[0])
            throw new ArgumentException(
                $"{aName} has {a.shape[0]} rows (shape {Shape(a)}) but {bName} has {b.shape[0]} (shape {Shape(b)}); they must match.", bName);
    }

    public static void SameColumns(Tensor a, string aName, Tensor b, string bName)
    {
        if (a.shape[1] != b.shape[1])
            throw new ArgumentException(
                $"{aName} has {a.shape[1]} columns (shape {Shape(a)}) but {bName} has {b.shape[1]} (shape {Shape(b)}); they must match.", bName);
    }

    public static void SameDevice(Tensor a, string aName, Tensor b, string bName)
    {
        if (a.device.ToString() != b.device.ToString())
            throw new ArgumentException($"{aName} is on {a.device} but {bName} is on {b.device}.", bName);
    }

    public static void Temperature(double tau, string paramName)
    {
        if (!double.IsFinite(tau) || tau <= 0)
            throw new ArgumentOutOfRangeException(paramName, tau, "The temperature τ must be a finite number greater than zero.");
    }
}

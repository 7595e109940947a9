using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiLabelContrastive.Metrics;

/// <summary>Validation of metric arguments at the public boundary; messages name the argument and the offence.</summary>
internal static class MetricArgs
{
    public static string Shape(Array a) => $"[{a.GetLength(0)}, {a.GetLength(1)}]";

    /// <summary>Scores n×C (finite) and truth n×C (0/1), n ≥ 1, C ≥ 1, same shape.</summary>
    public static void ScoresAndTruth<T>(T[,] scores, int[,] truth, string scoresName, string truthName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scores, scoresName);
        ArgumentNullException.ThrowIfNull(truth, truthName);
        if (scores.Length == 0)
            throw new ArgumentException(
                $"{scoresName} is empty (shape {Shape(scores)}); need at least one sample (row) and one label (column).", scoresName);
        if (scores.GetLength(0) != truth.GetLength(0) || scores.GetLength(1) != truth.GetLength(1))
            throw new ArgumentException(
                $"{scoresName} has shape {Shape(scores)} but {truthName} has shape {Shape(truth)}; both must be samples × labels.", truthName);
        Finite(scores, scoresName);
        Binary(truth, truthName);
    }

    /// <summary>Every score finite; the first NaN or ±∞ is named by row and column.</summary>
    public static void Finite<T>(T[,] scores, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var flat = MemoryMarshal.CreateReadOnlySpan(ref scores[0, 0], scores.Length);
        for (int k = 0; k < flat.Length; k++)
            if (!T.IsFinite(flat[k]))
            {
                int columns = scores.GetLength(1);
                throw new ArgumentException(
                    $"Scores must be finite; found {flat[k]} at row {k / columns}, column {k % columns} of a {Shape(scores)} matrix.", name);
            }
    }

    /// <summary>Every truth entry 0 or 1; the first other value is named with its row and column.</summary>
    public static void Binary(int[,] truth, string name)
    {
        var flat = MemoryMarshal.CreateReadOnlySpan(ref truth[0, 0], truth.Length);
        for (int k = 0; k < flat.Length; k++)
            if ((uint)flat[k] > 1u)
            {
                int columns = truth.GetLength(1);
                throw new ArgumentException(
                    $"Truth labels must be 0 or 1; found {flat[k]} at row {k / columns}, column {k % columns} of a {Shape(truth)} matrix.", name);
            }
    }

    public static void Threshold(double threshold, string name)
    {
        if (!double.IsFinite(threshold))
            throw new ArgumentOutOfRangeException(name, threshold, "The threshold must be a finite real number (prediction is score ≥ threshold).");
    }

    public static void K(int k, int labels, string name)
    {
        if (k < 1 || k > labels)
            throw new ArgumentOutOfRangeException(name, k,
                $"P@k needs k in 1..C; got k = {k} with C = {labels} labels.");
    }

    public static void Average(F1Average average, bool labelsPresentOnly, string averageName, string optionName)
    {
        if (!Enum.IsDefined(average))
            throw new ArgumentOutOfRangeException(averageName, average, "Unknown F1 average.");
        if (labelsPresentOnly && average != F1Average.MacroMean)
            throw new ArgumentException(
                $"The LabelsPresentOnly option applies to F1Average.MacroMean only, not to F1Average.{average}.", optionName);
    }
}

using System.Numerics;

namespace MultiLabelContrastive.Metrics;

/// <summary>
/// Collects batches of (scores, truth) rows, e.g. from an evaluation loop, and evaluates them at the end with the same
/// code as <see cref="MultiLabelMetrics.Evaluate(double[,], int[,], MetricOptions?)"/> (the result equals a one-shot
/// evaluation of the stacked rows). Every batch has the same C and the same score precision (all float64 or all
/// float32), fixed by the first batch; rows are copied, so the caller may reuse its arrays. Not thread-safe.
/// </summary>
public sealed class MetricAccumulator
{
    private RowBuffer<double>? doubles;
    private RowBuffer<float>? floats;

    /// <summary>Number of samples (rows) collected so far.</summary>
    public int Count => doubles?.Rows ?? floats?.Rows ?? 0;

    /// <summary>Number of labels C, fixed by the first batch; null before it.</summary>
    public int? LabelCount => doubles?.Scores.GetLength(1) ?? floats?.Scores.GetLength(1);

    /// <summary>Appends a batch of float64 scores.</summary>
    /// <param name="scores">b×C finite scores, b ≥ 1.</param>
    /// <param name="truth">b×C labels, 0 or 1.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty batch, shape mismatch, C different from earlier batches, float32
    /// batches collected before, non-finite score or non-binary label.</exception>
    public void Add(double[,] scores, int[,] truth)
    {
        Check(scores, truth, floats is not null, "float64", "float32");
        (doubles ??= new RowBuffer<double>(scores.GetLength(1))).Append(scores, truth);
    }

    /// <summary>Appends a batch of float32 scores.</summary>
    /// <inheritdoc cref="Add(double[,], int[,])"/>
    public void Add(float[,] scores, int[,] truth)
    {
        Check(scores, truth, doubles is not null, "float32", "float64");
        (floats ??= new RowBuffer<float>(scores.GetLength(1))).Append(scores, truth);
    }

    /// <summary>Every metric over the collected rows (see <see cref="MultiLabelMetrics"/>).</summary>
    /// <param name="options">Thresholds and P@k values; default: fixed threshold 0.5, no P@k.</param>
    /// <exception cref="InvalidOperationException">No batch was added.</exception>
    /// <exception cref="ArgumentNullException">A part of options is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A k outside 1..C.</exception>
    public MetricReport Evaluate(MetricOptions? options = null)
    {
        options ??= new MetricOptions();
        if (doubles is not null) return Evaluate(doubles, options);
        if (floats is not null) return Evaluate(floats, options);
        throw new InvalidOperationException("No batch was added to the accumulator; nothing to evaluate.");
    }

    /// <summary>
    /// Thresholds chosen on the collected rows (see <see cref="ThresholdSelection"/>): <see cref="ThresholdRule.Validation"/>
    /// when this accumulator holds the validation split, <see cref="ThresholdRule.OracleThreshold"/> (optimistic) when
    /// it holds the split being evaluated.
    /// </summary>
    /// <param name="rule">Validation or OracleThreshold.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rule"/> is not Validation or OracleThreshold.</exception>
    /// <exception cref="InvalidOperationException">No batch was added.</exception>
    public MetricThresholds ChooseThresholds(ThresholdRule rule)
    {
        if (rule is not (ThresholdRule.Validation or ThresholdRule.OracleThreshold))
            throw new ArgumentOutOfRangeException(nameof(rule), rule,
                "Thresholds are chosen under ThresholdRule.Validation or ThresholdRule.OracleThreshold; use MetricThresholds.Fixed for a fixed one.");
        if (doubles is not null) return ThresholdSelection.Select(doubles.Scores, doubles.Truth, doubles.Rows, rule);
        if (floats is not null) return ThresholdSelection.Select(floats.Scores, floats.Truth, floats.Rows, rule);
        throw new InvalidOperationException("No batch was added to the accumulator; nothing to choose thresholds on.");
    }

    /// <summary>Forgets every collected row (the next batch may have another C or precision).</summary>
    public void Clear()
    {
        doubles = null;
        floats = null;
    }

    private void Check<T>(T[,] scores, int[,] truth, bool otherPrecisionHeld, string precision, string other)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MetricArgs.ScoresAndTruth(scores, truth, nameof(scores), nameof(truth));
        if (otherPrecisionHeld)
            throw new ArgumentException(
                $"This accumulator holds {other} scores; a {precision} batch cannot join them (convert it, or use another accumulator).",
                nameof(scores));
        if (LabelCount is int c && scores.GetLength(1) != c)
            throw new ArgumentException(
                $"scores has shape {MetricArgs.Shape(scores)} but earlier batches have {c} labels (columns).", nameof(scores));
    }

    private static MetricReport Evaluate<T>(RowBuffer<T> rows, MetricOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ks = MetricEvaluation.Ks(options, rows.Scores.GetLength(1), nameof(options));
        return MetricEvaluation.Evaluate(rows.Scores, rows.Truth, rows.Rows, options.Thresholds, ks);
    }
}

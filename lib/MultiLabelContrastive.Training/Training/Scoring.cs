using MultiLabelContrastive.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiLabelContrastive.Training;

/// <summary>Turns logits into the arrays and reports of the metrics library.</summary>
internal static class Scoring
{
    /// <summary>σ(logits) as an n × C float32 array.</summary>
    public static float[,] Probabilities(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var p = sigmoid(logits).to_type(ScalarType.Float32).cpu().contiguous();
        var result = new float[p.shape[0], p.shape[1]];
        var flat = p.data<float>().ToArray();
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }

    /// <summary>0/1 labels as an n × C int array.</summary>
    public static int[,] Truth(Tensor labels)
    {
        using var scope = NewDisposeScope();
        var y = labels.to_type(ScalarType.Int32).cpu().contiguous();
        var result = new int[y.shape[0], y.shape[1]];
        var flat = y.data<int>().ToArray();
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(int));
        return result;
    }

    /// <summary>The P@k values that fit C labels.</summary>
    public static MetricOptions Options(TrainingOptions options, int labelCount, MetricThresholds thresholds) => new()
    {
        Thresholds = thresholds,
        Ks = options.PrecisionAtK.Where(k => k <= labelCount).Distinct().Order().ToArray(),
    };

    /// <summary>The monitored number of a validation report (higher is better except the loss).</summary>
    public static double Monitored(MonitoredMetric metric, MetricReport report) => metric switch
    {
        MonitoredMetric.MeanAveragePrecision => report.MeanAveragePrecision,
        MonitoredMetric.MicroF1 => report.MicroF1,
        MonitoredMetric.MacroF1Mean => report.MacroF1Mean,
        MonitoredMetric.MacroAuc => report.MacroAuc,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a report metric."),
    };

    public static string Describe(MonitoredMetric metric) => metric switch
    {
        MonitoredMetric.MeanAveragePrecision => "validation mAP",
        MonitoredMetric.MicroF1 => "validation micro-F1 (threshold 0.5)",
        MonitoredMetric.MacroF1Mean => "validation MacroF1Mean (threshold 0.5)",
        MonitoredMetric.MacroAuc => "validation macro-AUC",
        _ => "validation BCE",
    };
}

using MultiLabelContrastive.Metrics;

namespace MultiLabelContrastive.Training;

/// <summary>The result of a supervised stage (linear probe or BCE baseline): its history and its evaluations.</summary>
/// <param name="Training">Epoch history.</param>
/// <param name="Test">Every metric on the test split with the best epoch's weights (thresholds per
/// <see cref="TrainingOptions.Thresholds"/>); null when the test split is empty.</param>
/// <param name="Validation">Every metric on the validation split at the fixed threshold 0.5; null when it is empty.</param>
public sealed record SupervisedResult(StageResult Training, MetricReport? Test, MetricReport? Validation);

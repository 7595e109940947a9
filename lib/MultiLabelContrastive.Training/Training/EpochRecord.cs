namespace MultiLabelContrastive.Training;

/// <summary>One finished epoch of a stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's steps.</param>
/// <param name="Validation">The monitored validation number (stage 1: validation contrastive loss; probe and baseline:
/// <see cref="TrainingOptions.Monitor"/>); null without a validation split.</param>
/// <param name="LearningRate">Learning rate of the epoch's last step.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
/// <param name="IsBest">True when this epoch had the best validation number so far (or there is no validation).</param>
public sealed record EpochRecord(TrainingStage Stage, int Epoch, double TrainLoss, double? Validation, double LearningRate, double Seconds, bool IsBest);

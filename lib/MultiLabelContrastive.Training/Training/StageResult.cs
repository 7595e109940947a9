namespace MultiLabelContrastive.Training;

/// <summary>The history of one stage: its epochs, the epoch whose weights were kept, and whether it stopped early.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Epochs">Every finished epoch in order (including those run before a resume).</param>
/// <param name="BestEpoch">The epoch whose weights the model holds after the stage: the best validation epoch, or the last
/// epoch without validation and in stage 1 without early stopping.</param>
/// <param name="StoppedEarly">True when early stopping ended the stage before its planned epochs.</param>
/// <param name="StepsPerEpoch">Optimizer steps per epoch.</param>
/// <param name="MonitorName">What <see cref="EpochRecord.Validation"/> holds, e.g. "validation contrastive loss".</param>
public sealed record StageResult(
    TrainingStage Stage,
    IReadOnlyList<EpochRecord> Epochs,
    int BestEpoch,
    bool StoppedEarly,
    int StepsPerEpoch,
    string MonitorName)
{
    /// <summary>Mean training loss of each epoch, in order.</summary>
    public IReadOnlyList<double> TrainLosses => Epochs.Select(e => e.TrainLoss).ToArray();

    /// <summary>Validation number of each epoch (NaN where there was none).</summary>
    public IReadOnlyList<double> ValidationValues => Epochs.Select(e => e.Validation ?? double.NaN).ToArray();

    /// <summary>Total wall time of the epochs.</summary>
    public double Seconds => Epochs.Sum(e => e.Seconds);
}

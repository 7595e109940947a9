namespace MultiLabelContrastive.Training;

/// <summary>
/// One progress report: after every optimizer step (<see cref="EpochFinished"/> false) and after every epoch's
/// validation (<see cref="EpochFinished"/> true). Reported synchronously on the training thread, so an
/// <see cref="IProgress{T}"/> implementation may cancel the run's token and the trainer stops before the next step.
/// </summary>
/// <param name="Stage">The stage running.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Planned epochs of the stage.</param>
/// <param name="Step">1-based step within the epoch (after an epoch: the epoch's step count).</param>
/// <param name="StepsPerEpoch">Optimizer steps per epoch.</param>
/// <param name="GlobalStep">Optimizer steps of the stage so far.</param>
/// <param name="Loss">The step's training loss, or the epoch's mean training loss.</param>
/// <param name="LearningRate">The learning rate of the (last) step.</param>
/// <param name="EpochFinished">True for the report after an epoch.</param>
/// <param name="Validation">After an epoch: the monitored validation number (null without a validation split).</param>
/// <param name="Elapsed">Time since the stage started (in this process).</param>
public sealed record TrainingProgress(
    TrainingStage Stage,
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    long GlobalStep,
    double Loss,
    double LearningRate,
    bool EpochFinished,
    double? Validation,
    TimeSpan Elapsed)
{
    /// <inheritdoc />
    public override string ToString() => EpochFinished
        ? FormattableString.Invariant($"{Stage} epoch {Epoch}/{Epochs}: loss {Loss:0.0000}{(Validation is { } v ? $", validation {v:0.0000}" : "")}, lr {LearningRate:0.###e0}, {Elapsed.TotalSeconds:0.0} s")
        : FormattableString.Invariant($"{Stage} epoch {Epoch}/{Epochs} step {Step}/{StepsPerEpoch}: loss {Loss:0.0000}, lr {LearningRate:0.###e0}");
}

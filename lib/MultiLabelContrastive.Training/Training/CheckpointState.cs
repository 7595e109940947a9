namespace MultiLabelContrastive.Training;

/// <summary>The bookkeeping of a stage at the end of an epoch (state.json of a checkpoint).</summary>
internal sealed record CheckpointState
{
    public required string Fingerprint { get; init; }
    public required int Epoch { get; init; }
    public required long GlobalStep { get; init; }
    public required int BestEpoch { get; init; }
    public double? BestValue { get; init; }
    public required int EpochsWithoutImprovement { get; init; }
    public required bool Finished { get; init; }
    public required bool StoppedEarly { get; init; }
    public required List<EpochRecord> History { get; init; }
}

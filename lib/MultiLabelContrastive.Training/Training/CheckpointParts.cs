namespace MultiLabelContrastive.Training;

/// <summary>Several checkpoint parts written one after the other into one extra file (e.g. the queue and the key
/// encoder); a part that is absent is left out, so one present part writes exactly what it writes alone.</summary>
internal sealed class CheckpointParts(params ICheckpointPart?[] parts) : ICheckpointPart
{
    private readonly ICheckpointPart[] present = [.. parts.OfType<ICheckpointPart>()];

    /// <summary>The parts as one, or null when none is present (a single part is returned as is).</summary>
    public static ICheckpointPart? Of(params ICheckpointPart?[] parts)
    {
        var combined = new CheckpointParts(parts);
        return combined.present.Length switch
        {
            0 => null,
            1 => combined.present[0],
            _ => combined,
        };
    }

    public void Save(BinaryWriter writer)
    {
        foreach (var part in present) part.Save(writer);
    }

    public void Load(BinaryReader reader)
    {
        foreach (var part in present) part.Load(reader);
    }
}

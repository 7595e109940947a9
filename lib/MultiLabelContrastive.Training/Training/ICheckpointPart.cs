namespace MultiLabelContrastive.Training;

/// <summary>Extra state a stage keeps in its checkpoints (e.g. the embedding queue).</summary>
internal interface ICheckpointPart
{
    void Save(BinaryWriter writer);

    void Load(BinaryReader reader);
}

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// A checkpoint folder that cannot be read or does not fit its model: a missing folder, config or shard, a truncated
/// or malformed file, an unknown <c>model_type</c>, missing or unexpected keys, a shape mismatch. The message names the
/// file and the keys; <see cref="FilePath"/> holds the file.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="filePath">The file (or folder) that is wrong.</param>
    /// <param name="message">What is wrong, naming the keys where there are any.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public CheckpointException(string filePath, string message, Exception? inner = null)
        : base($"{filePath}: {message}", inner)
    {
        FilePath = filePath;
    }

    /// <summary>The file (or folder) that is wrong.</summary>
    public string FilePath { get; }
}

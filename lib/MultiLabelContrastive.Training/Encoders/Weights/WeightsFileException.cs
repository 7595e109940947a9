namespace MultiLabelContrastive.Encoders;

/// <summary>
/// A weights file that cannot be read, or whose tensors do not fit the model: the message names the file, the keys
/// and the shapes involved. Nothing is copied into the model when this is thrown.
/// </summary>
public sealed class WeightsFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The weights file.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The reader's own error, if any.</param>
    public WeightsFileException(string path, string message, Exception? inner = null) : base(message, inner) => Path = path;

    /// <summary>The weights file.</summary>
    public string Path { get; }

    /// <summary>Model keys the file lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; init; } = [];

    /// <summary>File keys the model does not have.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; init; } = [];

    /// <summary>Keys whose shapes differ, as "key: file [..] vs model [..]".</summary>
    public IReadOnlyList<string> ShapeMismatches { get; init; } = [];
}

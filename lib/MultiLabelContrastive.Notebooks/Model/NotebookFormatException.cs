namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>The JSON is not an nbformat 4 notebook the engine can read (wrong major version, missing field, bad type).</summary>
/// <remarks>The message names the notebook (when known) and the JSON path of the first problem, e.g. <c>cells[3].source</c>.</remarks>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception with a message that names the offending field.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The JSON parser's exception, if any.</param>
    public NotebookFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

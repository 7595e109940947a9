namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>Text written to <c>stdout</c> or <c>stderr</c> (Console.Out / Console.Error) while a cell ran.</summary>
/// <param name="Name">The stream: <c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, newlines included.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <summary>The stream name of standard output.</summary>
    public const string StandardOutput = "stdout";

    /// <summary>The stream name of standard error.</summary>
    public const string StandardError = "stderr";

    /// <inheritdoc />
    public override string OutputType => "stream";
}

using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>A value shown with <c>display(x)</c> during a cell.</summary>
/// <param name="Data">Its representations by MIME type.</param>
/// <param name="Metadata">Output metadata (nbformat <c>output_metadata</c>), usually empty.</param>
public sealed record DisplayDataOutput(MimeBundle Data, JsonObject Metadata) : CellOutput
{
    /// <summary>A display output with empty metadata.</summary>
    /// <param name="data">The representations.</param>
    public DisplayDataOutput(MimeBundle data)
        : this(data, [])
    {
    }

    /// <inheritdoc />
    public override string OutputType => "display_data";
}

using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>The value of a cell's trailing expression (an expression with no semicolon at the end of the cell).</summary>
/// <param name="ExecutionCount">The cell's execution count (the <c>Out[n]</c> number).</param>
/// <param name="Data">Its representations by MIME type.</param>
/// <param name="Metadata">Output metadata, usually empty.</param>
public sealed record ExecuteResultOutput(int? ExecutionCount, MimeBundle Data, JsonObject Metadata) : CellOutput
{
    /// <summary>A result with empty metadata.</summary>
    /// <param name="executionCount">The cell's execution count.</param>
    /// <param name="data">The representations.</param>
    public ExecuteResultOutput(int? executionCount, MimeBundle data)
        : this(executionCount, data, [])
    {
    }

    /// <inheritdoc />
    public override string OutputType => "execute_result";
}

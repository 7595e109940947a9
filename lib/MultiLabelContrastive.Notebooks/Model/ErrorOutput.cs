using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>An error raised by a cell: a compile error, an exception, a timeout or a bad parameter.</summary>
/// <param name="EName">The error's name, e.g. <c>CompilationError</c>, <c>InvalidOperationException</c>, <c>CellTimeout</c>.</param>
/// <param name="EValue">Its message; names the cell (and the line for compile errors).</param>
/// <param name="Traceback">Lines of detail: the header, every compile diagnostic or the stack frames.</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";

    /// <summary>
    /// Adds the error's nbformat / Jupyter fields — <c>ename</c>, <c>evalue</c>, <c>traceback</c> — to
    /// <paramref name="json"/> (a new object when null) and returns it: the one writer of error JSON, used by notebook
    /// outputs, the isolated worker's events and the kernel's messages.
    /// </summary>
    public JsonObject WriteFields(JsonObject? json = null)
    {
        json ??= [];
        json["ename"] = EName;
        json["evalue"] = EValue;
        json["traceback"] = new JsonArray(Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
        return json;
    }
}

using System.Text.Json.Nodes;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Kernel.Server;

/// <summary>The engine's outputs as the content of IOPub messages (the same MIME bundles the executor writes).</summary>
internal static class MimeBundleJson
{
    /// <summary>The <c>data</c> object of a bundle: text types as strings, JSON types (Plotly figures) as JSON.</summary>
    public static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var mimeType in bundle.MimeTypes)
        {
            data[mimeType] = MimeBundle.IsJsonMimeType(mimeType)
                ? bundle.GetJson(mimeType)?.DeepClone()
                : bundle.GetText(mimeType);
        }

        return data;
    }

    /// <summary>The IOPub message type and content of an output; <paramref name="executionCount"/> replaces the
    /// engine's count in <c>execute_result</c> (the kernel numbers cells itself).</summary>
    public static (string MessageType, JsonObject Content) Content(CellOutput output, int executionCount) => output switch
    {
        StreamOutput s => ("stream", new JsonObject { ["name"] = s.Name, ["text"] = s.Text }),
        DisplayDataOutput d => ("display_data", new JsonObject
        {
            ["data"] = Data(d.Data),
            ["metadata"] = d.Metadata.DeepClone(),
            ["transient"] = new JsonObject(),
        }),
        ExecuteResultOutput r => ("execute_result", new JsonObject
        {
            ["execution_count"] = executionCount,
            ["data"] = Data(r.Data),
            ["metadata"] = r.Metadata.DeepClone(),
        }),
        ErrorOutput e => ("error", Error(e)),
        _ => throw new ArgumentException($"unknown output type {output.GetType().Name}", nameof(output)),
    };

    /// <summary>The <c>ename</c>, <c>evalue</c>, <c>traceback</c> fields of an error.</summary>
    public static JsonObject Error(ErrorOutput error) => error.WriteFields();
}

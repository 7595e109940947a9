using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Notebooks.Model;

/// <summary>nbformat 4 JSON ⇄ <see cref="Notebook"/>. Multi-line strings are read from a string or an array of lines and
/// written as arrays of lines; all object keys are written sorted (as Python's <c>nbformat.write</c> does).</summary>
internal static class NotebookJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Notebook Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        if (root is not JsonObject top)
        {
            throw new NotebookFormatException("the top level is not a JSON object.");
        }

        var major = ReadInt(top, "nbformat", "nbformat");
        if (major != Notebook.FormatMajor)
        {
            throw new NotebookFormatException($"nbformat is {major}; only nbformat 4 notebooks are supported (convert with `jupyter nbconvert --to notebook`).");
        }

        var notebook = new Notebook
        {
            SourceFormatMinor = top["nbformat_minor"] is null ? 0 : ReadInt(top, "nbformat_minor", "nbformat_minor"),
            Metadata = top["metadata"] is JsonObject meta ? (JsonObject)meta.DeepClone() : [],
        };

        if (top["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException("'cells' is missing or not an array.");
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var path = $"cells[{i}]";
            if (cells[i] is not JsonObject cellJson)
            {
                throw new NotebookFormatException($"{path} is not an object.");
            }

            var cell = ReadCell(cellJson, path);
            if (!seenIds.Add(cell.Id))
            {
                cell.Id = NotebookCell.NewId();
                seenIds.Add(cell.Id);
            }

            notebook.Cells.Add(cell);
        }

        return notebook;
    }

    public static string Write(Notebook notebook)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(notebook.Cells.Select(WriteCell).ToArray<JsonNode?>()),
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = Notebook.FormatMajor,
            ["nbformat_minor"] = Notebook.FormatMinor,
        };

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteSorted(writer, root);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Splits text into nbformat lines: each line keeps its trailing <c>\n</c>; the last may lack it.</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static NotebookCell ReadCell(JsonObject json, string path)
    {
        var type = json["cell_type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (type is null)
        {
            throw new NotebookFormatException($"{path}.cell_type is missing or not a string.");
        }

        var id = json["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var idText) && NotebookCell.IsValidId(idText)
            ? idText
            : null;
        var kind = type switch
        {
            "markdown" => CellKind.Markdown,
            "code" => CellKind.Code,
            "raw" => CellKind.Raw,
            _ => CellKind.Unrecognized,
        };

        if (kind == CellKind.Unrecognized)
        {
            return new NotebookCell(kind, "", id) { RawJson = (JsonObject)json.DeepClone() };
        }

        var cell = new NotebookCell(kind, ReadMultiline(json["source"], $"{path}.source") ?? "", id)
        {
            Metadata = json["metadata"] is JsonObject meta ? (JsonObject)meta.DeepClone() : [],
            Attachments = kind != CellKind.Code && json["attachments"] is JsonObject att ? (JsonObject)att.DeepClone() : null,
        };

        if (kind == CellKind.Code)
        {
            cell.ExecutionCount = json["execution_count"] is JsonValue count && count.TryGetValue<int>(out var n) ? n : null;
            if (json["outputs"] is JsonArray outputs)
            {
                for (var i = 0; i < outputs.Count; i++)
                {
                    var output = ReadOutput(outputs[i] as JsonObject, $"{path}.outputs[{i}]");
                    if (output is not null)
                    {
                        cell.Outputs.Add(output);
                    }
                }
            }
        }

        return cell;
    }

    private static CellOutput? ReadOutput(JsonObject? json, string path)
    {
        if (json is null)
        {
            throw new NotebookFormatException($"{path} is not an object.");
        }

        var type = json["output_type"]?.GetValue<string>();
        return type switch
        {
            "stream" => new StreamOutput(
                json["name"]?.GetValue<string>() ?? StreamOutput.StandardOutput,
                ReadMultiline(json["text"], $"{path}.text") ?? ""),
            "display_data" => new DisplayDataOutput(ReadBundle(json["data"], $"{path}.data"), ReadMetadata(json["metadata"])),
            "execute_result" => new ExecuteResultOutput(
                json["execution_count"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : null,
                ReadBundle(json["data"], $"{path}.data"),
                ReadMetadata(json["metadata"])),
            "error" => new ErrorOutput(
                json["ename"]?.GetValue<string>() ?? "",
                json["evalue"]?.GetValue<string>() ?? "",
                json["traceback"] is JsonArray tb ? tb.Select(l => l?.GetValue<string>() ?? "").ToList() : []),
            _ => null, // an output type from the future: dropped (outputs are regenerated on execution)
        };
    }

    private static JsonObject ReadMetadata(JsonNode? node) => node is JsonObject o ? (JsonObject)o.DeepClone() : [];

    private static MimeBundle ReadBundle(JsonNode? node, string path)
    {
        if (node is not JsonObject data)
        {
            throw new NotebookFormatException($"{path} is missing or not an object.");
        }

        var bundle = new MimeBundle();
        foreach (var (mime, value) in data)
        {
            if (MimeBundle.IsJsonMimeType(mime))
            {
                if (value is not null)
                {
                    bundle.Put(mime, value.DeepClone());
                }
            }
            else
            {
                bundle.Put(mime, JsonValue.Create(ReadMultiline(value, $"{path}.{mime}") ?? ""));
            }
        }

        return bundle;
    }

    private static string? ReadMultiline(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s;
            case JsonArray lines:
                var builder = new StringBuilder();
                foreach (var line in lines)
                {
                    if (line is not JsonValue lv || !lv.TryGetValue<string>(out var ls))
                    {
                        throw new NotebookFormatException($"{path} has a line that is not a string.");
                    }

                    builder.Append(ls);
                }

                return builder.ToString();
            default:
                throw new NotebookFormatException($"{path} is neither a string nor an array of strings.");
        }
    }

    private static JsonObject WriteCell(NotebookCell cell)
    {
        if (cell.Kind == CellKind.Unrecognized && cell.RawJson is not null)
        {
            var raw = (JsonObject)cell.RawJson.DeepClone();
            raw["id"] = cell.Id;
            return raw;
        }

        var json = new JsonObject
        {
            ["cell_type"] = cell.Kind switch
            {
                CellKind.Markdown => "markdown",
                CellKind.Code => "code",
                _ => "raw",
            },
            ["id"] = cell.Id,
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = ToLines(cell.Source),
        };

        if (cell.Kind == CellKind.Code)
        {
            json["execution_count"] = cell.ExecutionCount;
            json["outputs"] = new JsonArray(cell.Outputs.Select(WriteOutput).ToArray<JsonNode?>());
        }
        else if (cell.Attachments is not null)
        {
            json["attachments"] = cell.Attachments.DeepClone();
        }

        return json;
    }

    private static JsonObject WriteOutput(CellOutput output) => output switch
    {
        StreamOutput s => new JsonObject
        {
            ["output_type"] = s.OutputType,
            ["name"] = s.Name,
            ["text"] = ToLines(s.Text),
        },
        DisplayDataOutput d => new JsonObject
        {
            ["output_type"] = d.OutputType,
            ["data"] = WriteBundle(d.Data),
            ["metadata"] = d.Metadata.DeepClone(),
        },
        ExecuteResultOutput r => new JsonObject
        {
            ["output_type"] = r.OutputType,
            ["execution_count"] = r.ExecutionCount,
            ["data"] = WriteBundle(r.Data),
            ["metadata"] = r.Metadata.DeepClone(),
        },
        ErrorOutput e => e.WriteFields(new JsonObject { ["output_type"] = e.OutputType }),
        _ => throw new InvalidOperationException($"Unknown output type {output.GetType().Name}."),
    };

    private static JsonObject WriteBundle(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle.Entries)
        {
            data[mime] = MimeBundle.IsJsonMimeType(mime)
                ? value.DeepClone()
                : ToLines(value.GetValue<string>());
        }

        return data;
    }

    private static int ReadInt(JsonObject json, string key, string path)
    {
        if (json[key] is JsonValue v && v.TryGetValue<int>(out var n))
        {
            return n;
        }

        throw new NotebookFormatException($"'{path}' is missing or not an integer.");
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

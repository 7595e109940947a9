using System.Globalization;
using System.Text.Json;

namespace MultiLabelContrastive.Pretrained;

/// <summary>
/// A Hugging Face <c>config.json</c>: typed reads of its fields, with errors that name the file and the field.
/// </summary>
public sealed class CheckpointConfig
{
    private readonly JsonElement root;

    private CheckpointConfig(string file, JsonElement root)
    {
        File = file;
        this.root = root;
    }

    /// <summary>The config file.</summary>
    public string File { get; }

    /// <summary>The parsed JSON object.</summary>
    public JsonElement Root => root;

    /// <summary><c>model_type</c>, e.g. "roberta", "bert", "llama".</summary>
    public string ModelType => GetString("model_type");

    /// <summary>Reads and parses a config file.</summary>
    /// <param name="file">Path of <c>config.json</c>.</param>
    /// <exception cref="CheckpointException">Missing or malformed file, or no <c>model_type</c>.</exception>
    public static CheckpointConfig Read(string file)
    {
        if (!System.IO.File.Exists(file))
            throw new CheckpointException(file, "config.json not found: a checkpoint folder needs the config.json the hub ships with the weights.");
        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(file));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(file, "malformed config: not a JSON object.");
            var config = new CheckpointConfig(file, document.RootElement.Clone());
            _ = config.ModelType;
            return config;
        }
        catch (JsonException e)
        {
            throw new CheckpointException(file, $"malformed JSON: {e.Message}", e);
        }
    }

    /// <summary>Whether the field is present and not null.</summary>
    /// <param name="name">Field name.</param>
    public bool Has(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>A required string field.</summary>
    /// <param name="name">Field name.</param>
    /// <exception cref="CheckpointException">Missing or not a string.</exception>
    public string GetString(string name) =>
        Field(name).ValueKind == JsonValueKind.String ? Field(name).GetString()! : throw WrongType(name, "a string");

    /// <summary>A string field or a default.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="fallback">Value when the field is absent.</param>
    public string GetString(string name, string fallback) => Has(name) ? GetString(name) : fallback;

    /// <summary>A required integer field.</summary>
    /// <param name="name">Field name.</param>
    /// <exception cref="CheckpointException">Missing or not an integer.</exception>
    public long GetInt(string name) =>
        Field(name).ValueKind == JsonValueKind.Number && Field(name).TryGetInt64(out long v) ? v : throw WrongType(name, "an integer");

    /// <summary>An integer field or a default.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="fallback">Value when the field is absent.</param>
    public long GetInt(string name, long fallback) => Has(name) ? GetInt(name) : fallback;

    /// <summary>A required number field.</summary>
    /// <param name="name">Field name.</param>
    /// <exception cref="CheckpointException">Missing or not a number.</exception>
    public double GetDouble(string name) =>
        Field(name).ValueKind == JsonValueKind.Number ? Field(name).GetDouble() : throw WrongType(name, "a number");

    /// <summary>A number field or a default.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="fallback">Value when the field is absent.</param>
    public double GetDouble(string name, double fallback) => Has(name) ? GetDouble(name) : fallback;

    /// <summary>A boolean field or a default.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="fallback">Value when the field is absent.</param>
    public bool GetBool(string name, bool fallback) =>
        !Has(name) ? fallback : Field(name).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "true or false"),
        };

    /// <summary>An error naming this config file, for a value the caller finds wrong.</summary>
    /// <param name="message">What is wrong.</param>
    public CheckpointException Error(string message) => new(File, message);

    /// <summary>Throws unless <see cref="ModelType"/> is one of the given names.</summary>
    /// <param name="architecture">Name of the architecture that reads the folder, for the message.</param>
    /// <param name="modelTypes">Accepted <c>model_type</c> values.</param>
    /// <exception cref="CheckpointException">Another model type.</exception>
    public void RequireModelType(string architecture, params string[] modelTypes)
    {
        if (!modelTypes.Contains(ModelType, StringComparer.Ordinal))
            throw Error($"unknown model_type '{ModelType}' for the {architecture} encoder (expected {string.Join(" or ", modelTypes.Select(t => $"'{t}'"))}).");
    }

    private JsonElement Field(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new CheckpointException(File, $"field '{name}' is missing.");

    private CheckpointException WrongType(string name, string expected) =>
        new(File, $"field '{name}' must be {expected} but is {Field(name).GetRawText().ToString(CultureInfo.InvariantCulture)}.");
}

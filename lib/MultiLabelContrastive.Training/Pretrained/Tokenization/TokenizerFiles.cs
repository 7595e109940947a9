using System.Text.Json;

namespace MultiLabelContrastive.Pretrained.Tokenization;

/// <summary>
/// The special-token settings a hub folder writes beside its vocabulary: <c>special_tokens_map.json</c> and
/// <c>tokenizer_config.json</c> (a token is a string or an object with "content"), read in that order.
/// </summary>
internal static class TokenizerFiles
{
    public static string? SpecialToken(CheckpointFolder folder, string name)
    {
        foreach (var file in new[] { "special_tokens_map.json", "tokenizer_config.json" })
        {
            var root = Read(folder, file);
            if (root is { } r && r.TryGetProperty(name, out var value))
            {
                if (value.ValueKind == JsonValueKind.String)
                    return value.GetString();
                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                    return content.GetString();
            }
        }
        return null;
    }

    public static bool? Flag(CheckpointFolder folder, string name)
    {
        var root = Read(folder, "tokenizer_config.json");
        return root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
    }

    private static JsonElement? Read(CheckpointFolder folder, string name)
    {
        string? file = folder.FindFile(name);
        if (file is null)
            return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException e)
        {
            throw new CheckpointException(file, $"malformed JSON: {e.Message}", e);
        }
    }
}

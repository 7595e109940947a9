using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>
/// Strict reading and the project's requirements for devcontainer.json. The devcontainer CLI parses JSONC leniently
/// (a truncated file still "reads"), so the tests also parse it strictly here and compare.
/// </summary>
public static class DevcontainerChecks
{
    private static readonly string[] WaitForValues =
        ["initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand"];

    /// <summary>Parses devcontainer.json as the spec allows (comments, trailing commas) and nothing more.</summary>
    /// <exception cref="JsonException">The text is not valid JSON with comments.</exception>
    public static JsonObject ParseStrict(string text) =>
        JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            as JsonObject ?? throw new JsonException("devcontainer.json is not a JSON object.");

    /// <summary>
    /// What is wrong with a configuration, given the folder it lives in (.devcontainer/) and the repository root:
    /// spec types of the fields used, and the project's requirements (GPU optional, never forced; extensions;
    /// post-create script; non-root user).
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonObject config, string devcontainerFolder, string repositoryRoot)
    {
        var problems = new List<string>();

        if (config["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String) problems.Add("name: missing or not a string");

        if (config["build"]?["dockerfile"] is not JsonValue dockerfile || dockerfile.GetValueKind() != JsonValueKind.String)
            problems.Add("build.dockerfile: missing");
        else if (!File.Exists(Path.Combine(devcontainerFolder, dockerfile.GetValue<string>())))
            problems.Add($"build.dockerfile: {dockerfile} does not exist beside devcontainer.json");

        if (config["hostRequirements"] is not JsonObject host) problems.Add("hostRequirements: missing");
        else
        {
            var gpu = host["gpu"];
            if (gpu is not JsonValue g || g.GetValueKind() != JsonValueKind.String || g.GetValue<string>() != "optional")
                problems.Add($"hostRequirements.gpu: must be \"optional\" (GPU when the host has one, still starts without), not {gpu?.ToJsonString() ?? "missing"}");
            if (host["cpus"] is JsonNode cpus && (cpus.GetValueKind() != JsonValueKind.Number || cpus.GetValue<double>() < 1 || cpus.GetValue<double>() % 1 != 0))
                problems.Add("hostRequirements.cpus: must be an integer ≥ 1");
            foreach (var key in new[] { "memory", "storage" })
                if (host[key] is JsonNode size && (size.GetValueKind() != JsonValueKind.String || !Regex.IsMatch(size.GetValue<string>(), @"^\d+([tgmk]b)$")))
                    problems.Add($"hostRequirements.{key}: must look like \"16gb\" (spec pattern ^\\d+([tgmk]b)$)");
        }

        if (config["runArgs"] is JsonNode runArgs)
        {
            if (runArgs is not JsonArray args || args.Any(a => a?.GetValueKind() != JsonValueKind.String)) problems.Add("runArgs: must be an array of strings");
            else if (args.Select(a => a!.GetValue<string>()).Any(a => a.StartsWith("--gpus") || a.Contains("runtime=nvidia") || a == "--runtime"))
                problems.Add("runArgs: --gpus / --runtime=nvidia would stop the container from starting on a host without a GPU");
        }

        var extensions = (config["customizations"]?["vscode"]?["extensions"] as JsonArray)?.Select(e => e?.GetValue<string>()).ToList() ?? [];
        foreach (var required in new[] { "ms-dotnettools.csdevkit", "ms-toolsai.jupyter" })
            if (!extensions.Contains(required, StringComparer.OrdinalIgnoreCase)) problems.Add($"customizations.vscode.extensions: {required} missing");
        foreach (var e in extensions)
            if (e is null || !Regex.IsMatch(e, @"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$", RegexOptions.IgnoreCase)) problems.Add($"extension id '{e}' is not publisher.name");

        if (config["postCreateCommand"] is not JsonValue post || post.GetValueKind() != JsonValueKind.String)
            problems.Add("postCreateCommand: missing");
        else
        {
            var script = Regex.Match(post.GetValue<string>(), @"(\.devcontainer/[\w.-]+\.sh)");
            if (!script.Success || !File.Exists(Path.Combine(repositoryRoot, script.Groups[1].Value)))
                problems.Add($"postCreateCommand: '{post}' does not run an existing .devcontainer/*.sh script");
        }
        if (config["waitFor"] is JsonNode waitFor && (waitFor.GetValueKind() != JsonValueKind.String || !WaitForValues.Contains(waitFor.GetValue<string>())))
            problems.Add($"waitFor: {waitFor.ToJsonString()} is not a lifecycle command name");

        if (config["remoteUser"] is not JsonValue user || user.GetValueKind() != JsonValueKind.String || user.GetValue<string>() is "root" or "")
            problems.Add("remoteUser: must be a non-root user");

        return problems;
    }
}

using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Kernel.Protocol;

/// <summary>
/// One message of the Jupyter messaging protocol: the routing identities (ZeroMQ ROUTER prefixes, or the IOPub topic),
/// the header, the parent header (the request a reply or output belongs to), metadata, content and binary buffers.
/// </summary>
internal sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The header's <c>msg_type</c>, e.g. <c>execute_request</c>.</summary>
    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>The header's <c>msg_id</c>.</summary>
    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>A string field of the content, or <paramref name="fallback"/> when absent or not a string.</summary>
    public string ContentString(string name, string fallback = "") =>
        Content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : fallback;

    /// <summary>A Boolean field of the content, or <paramref name="fallback"/> when absent or not a Boolean.</summary>
    public bool ContentBool(string name, bool fallback) =>
        Content[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    /// <summary>An integer field of the content, or <paramref name="fallback"/> when absent or not an integer.</summary>
    public int ContentInt(string name, int fallback) =>
        Content[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : fallback;
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Kernel.Protocol;

/// <summary>Creates the kernel's messages: headers with a fresh <c>msg_id</c>, the kernel's session id, protocol
/// version 5.3, and the parent header of the request being answered.</summary>
internal sealed class MessageFactory
{
    /// <summary>The messaging protocol version the kernel implements.</summary>
    public const string ProtocolVersion = "5.3";

    private long _counter;

    /// <summary>Creates a factory with a new session id.</summary>
    public MessageFactory() => Session = Guid.NewGuid().ToString("N");

    /// <summary>The kernel's session id (the <c>session</c> of every header it sends).</summary>
    public string Session { get; }

    /// <summary>A header for a new message of type <paramref name="messageType"/>.</summary>
    public JsonObject Header(string messageType) => new()
    {
        ["msg_id"] = $"{Session}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}",
        ["session"] = Session,
        ["username"] = "kernel",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = messageType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>The reply to <paramref name="request"/> on its own channel (same identities).</summary>
    public JupyterMessage Reply(JupyterMessage request, string messageType, JsonObject content, JsonObject? metadata = null) =>
        new(request.Identities, Header(messageType), Parent(request), metadata ?? [], content, []);

    /// <summary>An IOPub message caused by <paramref name="parent"/> (or by nothing, e.g. the first <c>status: starting</c>).</summary>
    public JupyterMessage Publish(JupyterMessage? parent, string messageType, JsonObject content) =>
        new([Encoding.UTF8.GetBytes($"kernel.{Session}.{messageType}")], Header(messageType), parent is null ? [] : Parent(parent), [], content, []);

    /// <summary>A request from the kernel on the stdin channel (an <c>input_request</c>), routed to the client that sent
    /// <paramref name="shellRequest"/>.</summary>
    public JupyterMessage StdinRequest(JupyterMessage shellRequest, string messageType, JsonObject content) =>
        new(shellRequest.Identities, Header(messageType), Parent(shellRequest), [], content, []);

    private static JsonObject Parent(JupyterMessage request) => request.Header.DeepClone().AsObject();
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Kernel.Protocol;

/// <summary>
/// The wire format of Jupyter messages over ZeroMQ:
/// <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers…]</c>.
/// Decoding checks the structure, the signature (HMAC of the four JSON frames) and that the signature was not seen
/// before (a replayed message); anything else is rejected with a reason, never handed on.
/// </summary>
internal sealed class WireCodec
{
    /// <summary>The frame between the identities and the signature.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private const int RememberedSignatures = 1 << 16;

    private readonly MessageSigner _signer;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private readonly Lock _lock = new();

    /// <summary>Creates a codec that signs with, and verifies against, <paramref name="signer"/>.</summary>
    public WireCodec(MessageSigner signer) => _signer = signer;

    /// <summary>The frames of a message, signed.</summary>
    public List<byte[]> Encode(JupyterMessage message)
    {
        var header = Utf8(message.Header);
        var parent = Utf8(message.ParentHeader);
        var metadata = Utf8(message.Metadata);
        var content = Utf8(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(_signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>Decodes and verifies received frames.</summary>
    /// <param name="frames">The multipart message as received (identities first).</param>
    /// <param name="message">The message when valid.</param>
    /// <param name="rejection">Why the frames were rejected, when not valid.</param>
    /// <returns>Whether the frames are a well-formed message with a valid, fresh signature.</returns>
    public bool TryDecode(IReadOnlyList<byte[]> frames, out JupyterMessage? message, out string? rejection)
    {
        message = null;
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }

        if (delimiter < 0)
        {
            rejection = $"malformed message: no <IDS|MSG> delimiter among {frames.Count} frame(s)";
            return false;
        }

        if (frames.Count < delimiter + 6)
        {
            rejection = $"malformed message: {frames.Count - delimiter - 1} frame(s) after the delimiter, at least 5 expected (signature, header, parent_header, metadata, content)";
            return false;
        }

        var signature = frames[delimiter + 1];
        var header = frames[delimiter + 2];
        var parent = frames[delimiter + 3];
        var metadata = frames[delimiter + 4];
        var content = frames[delimiter + 5];
        if (!_signer.Verify(signature, header, parent, metadata, content))
        {
            rejection = signature.Length == 0 ? "unsigned message (the kernel's key requires a signature)" : "invalid signature";
            return false;
        }

        var headerJson = ParseObject(header, "header", out rejection);
        var parentJson = rejection is null ? ParseObject(parent, "parent_header", out rejection) : null;
        var metadataJson = rejection is null ? ParseObject(metadata, "metadata", out rejection) : null;
        var contentJson = rejection is null ? ParseObject(content, "content", out rejection) : null;
        if (rejection is not null)
        {
            return false;
        }

        if (headerJson!["msg_type"] is not JsonValue type || !type.TryGetValue<string>(out var msgType) || msgType.Length == 0
            || headerJson["msg_id"] is not JsonValue id || !id.TryGetValue<string>(out _))
        {
            rejection = "malformed message: the header lacks a string msg_type or msg_id";
            return false;
        }

        if (_signer.Enabled && !Remember(Encoding.ASCII.GetString(signature)))
        {
            rejection = $"replayed message: signature already seen ({msgType})";
            return false;
        }

        message = new JupyterMessage(
            frames.Take(delimiter).ToList(),
            headerJson,
            parentJson!,
            metadataJson!,
            contentJson!,
            frames.Skip(delimiter + 6).ToList());
        return true;
    }

    private bool Remember(string signature)
    {
        lock (_lock)
        {
            if (!_seen.Add(signature))
            {
                return false;
            }

            _seenOrder.Enqueue(signature);
            if (_seenOrder.Count > RememberedSignatures)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }

            return true;
        }
    }

    private static JsonObject? ParseObject(byte[] frame, string name, out string? rejection)
    {
        try
        {
            if (JsonNode.Parse(frame) is JsonObject json)
            {
                rejection = null;
                return json;
            }

            rejection = $"malformed message: {name} is not a JSON object";
            return null;
        }
        catch (JsonException e)
        {
            rejection = $"malformed message: {name} is not valid JSON ({e.Message})";
            return null;
        }
    }

    private static byte[] Utf8(JsonObject json) => JsonSerializer.SerializeToUtf8Bytes(json);
}

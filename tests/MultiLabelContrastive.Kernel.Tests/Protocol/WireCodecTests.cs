using System.Text;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Protocol;

namespace MultiLabelContrastive.Kernel.Tests.Protocol;

public sealed class WireCodecTests
{
    private const string Key = "a0436f6c-1916-498b-8eb9-e81ab9368e84";

    [Fact]
    public void Encoded_message_decodes_to_the_same_message()
    {
        var codec = new WireCodec(new MessageSigner(Key));
        var message = Request("execute_request", new JsonObject { ["code"] = "var x = 1; // é ✓ 😀" });
        var frames = codec.Encode(message);

        Assert.Equal("client-1", Encoding.UTF8.GetString(frames[0]));
        Assert.Equal(WireCodec.Delimiter, frames[1]);
        Assert.Equal(64, frames[2].Length);
        Assert.True(new WireCodec(new MessageSigner(Key)).TryDecode(frames, out var decoded, out var rejection), rejection);
        Assert.Equal("execute_request", decoded!.MessageType);
        Assert.Equal("var x = 1; // é ✓ 😀", decoded.ContentString("code"));
        Assert.Equal(["client-1"], decoded.Identities.Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void Message_signed_with_another_key_is_rejected()
    {
        var frames = new WireCodec(new MessageSigner("another key")).Encode(Request("execute_request", []));
        Assert.False(new WireCodec(new MessageSigner(Key)).TryDecode(frames, out var message, out var rejection));
        Assert.Null(message);
        Assert.Equal("invalid signature", rejection);
    }

    [Fact]
    public void Tampered_content_is_rejected()
    {
        var codec = new WireCodec(new MessageSigner(Key));
        var frames = codec.Encode(Request("execute_request", new JsonObject { ["code"] = "1 + 1" }));
        frames[^1] = Encoding.UTF8.GetBytes("{\"code\":\"System.IO.File.Delete(\\\"x\\\")\"}");
        Assert.False(new WireCodec(new MessageSigner(Key)).TryDecode(frames, out _, out var rejection));
        Assert.Equal("invalid signature", rejection);
    }

    [Fact]
    public void Unsigned_message_is_rejected_when_the_kernel_has_a_key()
    {
        var frames = new WireCodec(new MessageSigner("")).Encode(Request("kernel_info_request", []));
        Assert.False(new WireCodec(new MessageSigner(Key)).TryDecode(frames, out _, out var rejection));
        Assert.Contains("unsigned", rejection);
    }

    [Fact]
    public void Replayed_message_is_rejected_the_second_time()
    {
        var frames = new WireCodec(new MessageSigner(Key)).Encode(Request("execute_request", new JsonObject { ["code"] = "1" }));
        var kernel = new WireCodec(new MessageSigner(Key));
        Assert.True(kernel.TryDecode(frames, out _, out _));
        Assert.False(kernel.TryDecode(frames, out _, out var rejection));
        Assert.StartsWith("replayed message", rejection);
    }

    [Fact]
    public void Malformed_frames_are_rejected_with_the_reason()
    {
        var codec = new WireCodec(new MessageSigner(""));
        Assert.False(codec.TryDecode([Encoding.UTF8.GetBytes("hello")], out _, out var noDelimiter));
        Assert.Contains("no <IDS|MSG> delimiter", noDelimiter);

        Assert.False(codec.TryDecode([WireCodec.Delimiter, [], "{}"u8.ToArray()], out _, out var tooFew));
        Assert.Contains("at least 5 expected", tooFew);

        Assert.False(codec.TryDecode([WireCodec.Delimiter, [], "{not json"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()], out _, out var badJson));
        Assert.Contains("header is not valid JSON", badJson);

        Assert.False(codec.TryDecode([WireCodec.Delimiter, [], "[1]"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()], out _, out var notObject));
        Assert.Contains("header is not a JSON object", notObject);

        Assert.False(codec.TryDecode([WireCodec.Delimiter, [], "{\"msg_id\":\"1\"}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()], out _, out var noType));
        Assert.Contains("msg_type", noType);

        Assert.False(codec.TryDecode([WireCodec.Delimiter, [], Header(), "{}"u8.ToArray(), "{}"u8.ToArray(), "\"code\""u8.ToArray()], out _, out var contentNotObject));
        Assert.Contains("content is not a JSON object", contentNotObject);
    }

    [Fact]
    public void Buffers_after_the_content_are_kept()
    {
        var codec = new WireCodec(new MessageSigner(Key));
        var frames = codec.Encode(Request("comm_msg", []) with { Buffers = [[1, 2, 3]] });
        Assert.True(new WireCodec(new MessageSigner(Key)).TryDecode(frames, out var decoded, out _));
        Assert.Equal([1, 2, 3], Assert.Single(decoded!.Buffers));
    }

    private static byte[] Header() => Encoding.UTF8.GetBytes(new JsonObject { ["msg_id"] = "1", ["msg_type"] = "kernel_info_request" }.ToJsonString());

    private static JupyterMessage Request(string type, JsonObject content) =>
        new([Encoding.UTF8.GetBytes("client-1")], new MessageFactory().Header(type), [], [], content, []);
}

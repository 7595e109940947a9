using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiLabelContrastive.Kernel.Protocol;

/// <summary>
/// The connection file a Jupyter client writes before it starts a kernel: transport, address, the five ports
/// (shell, iopub, stdin, control, heartbeat), the signing key and the signature scheme.
/// </summary>
/// <remarks>Only the <c>tcp</c> transport is supported: NetMQ's <c>ipc</c> is not libzmq's Unix-socket transport.
/// A port of 0 asks the kernel to choose one; the chosen ports are written back with <see cref="WithPorts"/> and
/// <see cref="Save"/>, as ipykernel does.</remarks>
internal sealed record ConnectionInfo(
    string Transport,
    string IpAddress,
    int ShellPort,
    int IoPubPort,
    int StdinPort,
    int ControlPort,
    int HeartbeatPort,
    string Key,
    string SignatureScheme,
    string? KernelName)
{
    /// <summary>The signature scheme of Jupyter's default sessions.</summary>
    public const string DefaultSignatureScheme = "hmac-sha256";

    /// <summary>The ZeroMQ endpoint of a port, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Endpoint(int port) => $"{Transport}://{IpAddress}:{port}";

    /// <summary>Reads and checks a connection file.</summary>
    /// <exception cref="ArgumentException">The file is not valid JSON, misses a field, has a bad port, an unsupported
    /// transport or signature scheme; the message names the file and the field.</exception>
    public static ConnectionInfo Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8)) as JsonObject
                ?? throw new ArgumentException($"connection file {path}: not a JSON object", nameof(path));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"connection file {path}: not valid JSON ({e.Message})", nameof(path), e);
        }

        return Parse(json, path);
    }

    /// <summary>Builds the connection info from the JSON object of a connection file.</summary>
    /// <param name="json">The object.</param>
    /// <param name="source">Names the source in error messages.</param>
    public static ConnectionInfo Parse(JsonObject json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var transport = OptionalString(json, "transport", source) ?? "tcp";
        if (transport != "tcp")
        {
            throw new ArgumentException(
                $"connection file {source}: transport \"{transport}\" is not supported (only tcp; NetMQ has no Unix-socket ipc)", nameof(json));
        }

        var scheme = OptionalString(json, "signature_scheme", source) ?? DefaultSignatureScheme;
        if (!MessageSigner.IsSupportedScheme(scheme))
        {
            throw new ArgumentException(
                $"connection file {source}: signature_scheme \"{scheme}\" is not supported (hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha1)", nameof(json));
        }

        return new ConnectionInfo(
            transport,
            OptionalString(json, "ip", source) ?? "127.0.0.1",
            Port(json, "shell_port", source),
            Port(json, "iopub_port", source),
            Port(json, "stdin_port", source),
            Port(json, "control_port", source),
            Port(json, "hb_port", source),
            OptionalString(json, "key", source) ?? "",
            scheme,
            OptionalString(json, "kernel_name", source));
    }

    /// <summary>A copy with the ports actually bound.</summary>
    public ConnectionInfo WithPorts(int shell, int iopub, int stdin, int control, int heartbeat) =>
        this with { ShellPort = shell, IoPubPort = iopub, StdinPort = stdin, ControlPort = control, HeartbeatPort = heartbeat };

    /// <summary>The connection file's JSON.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["transport"] = Transport,
            ["ip"] = IpAddress,
            ["shell_port"] = ShellPort,
            ["iopub_port"] = IoPubPort,
            ["stdin_port"] = StdinPort,
            ["control_port"] = ControlPort,
            ["hb_port"] = HeartbeatPort,
            ["key"] = Key,
            ["signature_scheme"] = SignatureScheme,
        };
        if (KernelName is not null)
        {
            json["kernel_name"] = KernelName;
        }

        return json;
    }

    /// <summary>Writes the connection file.</summary>
    public void Save(string path) =>
        File.WriteAllText(path, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));

    private static string? OptionalString(JsonObject json, string name, string source)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new ArgumentException($"connection file {source}: field \"{name}\" must be a string", nameof(json));
    }

    private static int Port(JsonObject json, string name, string source)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is not JsonValue value)
        {
            throw new ArgumentException($"connection file {source}: field \"{name}\" is missing", nameof(json));
        }

        if (!value.TryGetValue<int>(out var port) || port is < 0 or > 65535)
        {
            throw new ArgumentException($"connection file {source}: field \"{name}\" must be a port number 0–65535, got {value.ToJsonString()}", nameof(json));
        }

        return port;
    }
}

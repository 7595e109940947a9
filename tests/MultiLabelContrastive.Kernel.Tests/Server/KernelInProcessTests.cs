using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Protocol;
using MultiLabelContrastive.Kernel.Server;
using MultiLabelContrastive.Kernel.Tests.Support;
using MultiLabelContrastive.Notebooks.Execution;
using NetMQ;
using NetMQ.Sockets;

namespace MultiLabelContrastive.Kernel.Tests.Server;

/// <summary>The kernel in this process, driven by a NetMQ client written here: signatures, heartbeat, execution,
/// shutdown. (The same behaviour through Debian's jupyter_client: <c>KernelWithJupyterClientTests</c>.)</summary>
public sealed class KernelInProcessTests
{
    private const string Key = "5f1c3e8e-0b7a-4b87-9a3c-2f0a8f6d0c11";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Wrongly_signed_execute_request_is_refused_logged_and_not_run_then_a_signed_one_runs()
    {
        using var temp = new TempFolder();
        var marker = Path.Combine(temp.Path, "ran.txt");
        var log = new StringWriter();
        await using var kernel = await RunningKernel.StartAsync(log);
        using var shell = kernel.Connect(new DealerSocket(), kernel.Connection.ShellPort);
        var client = new WireCodec(new MessageSigner(Key));
        var attacker = new WireCodec(new MessageSigner("not the key"));
        var code = $"System.IO.File.WriteAllText(@\"{marker}\", \"ran\"); var ran = true;";

        shell.SendMultipartBytes(attacker.Encode(Request("execute_request", Execute(code)))[1..]); // drop the identity: DEALER adds its own
        var frames = new List<byte[]>();
        Assert.False(shell.TryReceiveMultipartBytes(TimeSpan.FromSeconds(1.5), ref frames), "a wrongly signed request got a reply");
        Assert.False(File.Exists(marker), "the wrongly signed cell ran");
        Assert.Equal(1, kernel.Server.RejectedCount);
        Assert.Contains("rejected a message on shell: invalid signature; it was not executed", log.ToString());

        shell.SendMultipartBytes(client.Encode(Request("execute_request", Execute(code)))[1..]);
        var reply = Receive(shell, client);
        Assert.Equal("execute_reply", reply.MessageType);
        Assert.Equal("ok", reply.ContentString("status"));
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task Heartbeat_echoes_kernel_info_answers_and_shutdown_releases_the_ports()
    {
        var log = new StringWriter();
        var kernel = await RunningKernel.StartAsync(log);
        var connection = kernel.Connection;
        var client = new WireCodec(new MessageSigner(Key));
        using (var heartbeat = kernel.Connect(new RequestSocket(), connection.HeartbeatPort))
        using (var iopub = kernel.Connect(new SubscriberSocket(), connection.IoPubPort))
        using (var control = kernel.Connect(new DealerSocket(), connection.ControlPort))
        {
            iopub.SubscribeToAnyTopic();
            heartbeat.SendFrame("ping");
            Assert.True(heartbeat.TryReceiveFrameString(Wait, out var echo));
            Assert.Equal("ping", echo);

            control.SendMultipartBytes(client.Encode(Request("kernel_info_request", []))[1..]);
            var info = Receive(control, client);
            Assert.Equal("kernel_info_reply", info.MessageType);
            Assert.Equal("5.3", info.ContentString("protocol_version"));
            Assert.Equal("csharp", info.Content["language_info"]!["name"]!.GetValue<string>());

            control.SendMultipartBytes(client.Encode(Request("shutdown_request", new JsonObject { ["restart"] = false }))[1..]);
            var shutdown = Receive(control, client);
            Assert.Equal("shutdown_reply", shutdown.MessageType);
            Assert.False(await kernel.Run.WaitAsync(Wait));
        }

        await kernel.DisposeAsync();
        foreach (var port in new[] { connection.ShellPort, connection.IoPubPort, connection.StdinPort, connection.ControlPort, connection.HeartbeatPort })
        {
            Assert.True(CanListen(port, TimeSpan.FromSeconds(5)), $"port {port} is still in use after the kernel shut down");
        }
    }

    /// <summary>Whether a listening socket can be bound to the port within the time (NetMQ closes sockets on its own
    /// I/O thread). SO_REUSEADDR: connections left in TIME_WAIT do not count, a socket still listening does.</summary>
    private static bool CanListen(int port, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                socket.Listen();
                return true;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }

    private static JupyterMessage Receive(NetMQSocket socket, WireCodec codec)
    {
        var frames = new List<byte[]>();
        Assert.True(socket.TryReceiveMultipartBytes(Wait, ref frames), "no reply");
        Assert.True(codec.TryDecode(frames, out var message, out var rejection), rejection);
        return message!;
    }

    private static JsonObject Execute(string code) => new()
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(),
        ["allow_stdin"] = false, ["stop_on_error"] = true,
    };

    private static JupyterMessage Request(string type, JsonObject content) =>
        new([Encoding.UTF8.GetBytes("unused")], new MessageFactory().Header(type), [], [], content, []);

    private sealed class RunningKernel : IAsyncDisposable
    {
        private readonly JupyterKernel _kernel;
        private readonly CancellationTokenSource _stop = new();

        private RunningKernel(KernelServer server, JupyterKernel kernel)
        {
            Server = server;
            _kernel = kernel;
            Run = kernel.RunAsync(_stop.Token);
        }

        public KernelServer Server { get; }

        public ConnectionInfo Connection => Server.Connection;

        public Task<bool> Run { get; }

        public static Task<RunningKernel> StartAsync(TextWriter log)
        {
            var connection = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, Key, "hmac-sha256", "mlc-csharp");
            var server = new KernelServer(connection, new KernelLog(TextWriter.Synchronized(log)));
            var kernel = new JupyterKernel(server, new ExecutionHost(new ScriptSessionOptions()), new KernelLog(TextWriter.Synchronized(log)));
            return Task.FromResult(new RunningKernel(server, kernel));
        }

        public T Connect<T>(T socket, int port)
            where T : NetMQSocket
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Connect(Connection.Endpoint(port));
            return socket;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Run.WaitAsync(Wait);
            _kernel.Dispose();
            _stop.Dispose();
        }
    }
}

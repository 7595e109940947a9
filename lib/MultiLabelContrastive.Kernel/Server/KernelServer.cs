using MultiLabelContrastive.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace MultiLabelContrastive.Kernel.Server;

/// <summary>
/// The kernel's five ZeroMQ sockets (NetMQ), bound from a connection file, all owned by one poller thread. Received
/// shell, control and stdin messages are decoded and verified there, then handed to the callbacks (which must not
/// block); heartbeats are echoed there, so the kernel stays "alive" while a cell runs. Any thread may <see cref="Send"/>:
/// messages go through a queue the poller drains in order, so IOPub output keeps the order it was produced in.
/// Malformed, unsigned, wrongly signed and replayed messages are logged and dropped.
/// </summary>
internal sealed class KernelServer : IDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(500);

    private readonly KernelLog _log;
    private readonly WireCodec _codec;
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<Outgoing> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private int _rejected;
    private bool _disposed;

    /// <summary>Binds the sockets (ports of 0 are chosen by the system; see <see cref="Connection"/>).</summary>
    /// <exception cref="NetMQException">A port cannot be bound (in use).</exception>
    public KernelServer(ConnectionInfo connection, KernelLog log)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _log = log;
        _codec = new WireCodec(new MessageSigner(connection.Key, connection.SignatureScheme));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            socket.Options.Linger = Linger;
        }

        try
        {
            Connection = connection.WithPorts(
                Bind(_shell, connection, connection.ShellPort),
                Bind(_iopub, connection, connection.IoPubPort),
                Bind(_stdin, connection, connection.StdinPort),
                Bind(_control, connection, connection.ControlPort),
                Bind(_heartbeat, connection, connection.HeartbeatPort));
        }
        catch
        {
            DisposeSockets();
            throw;
        }

        _shell.ReceiveReady += (_, e) => Receive(KernelChannel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Receive(KernelChannel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => Receive(KernelChannel.Stdin, e.Socket);
        _heartbeat.ReceiveReady += (_, e) => Echo(e.Socket);
        _outgoing.ReceiveReady += (_, e) => Drain(e.Queue);
        _poller = [_shell, _control, _stdin, _heartbeat, _outgoing];
    }

    /// <summary>The connection with the ports actually bound.</summary>
    public ConnectionInfo Connection { get; }

    /// <summary>Creates the kernel's messages (session id, headers).</summary>
    public MessageFactory Messages { get; } = new();

    /// <summary>Number of messages rejected so far (malformed, unsigned, wrongly signed, replayed).</summary>
    public int RejectedCount => Volatile.Read(ref _rejected);

    /// <summary>Called on the poller thread with each valid message of the shell, control and stdin channels; must not block.</summary>
    public Action<KernelChannel, JupyterMessage>? Received { get; set; }

    /// <summary>Completes when the poller has stopped (after <see cref="StopAfterPendingSends"/>).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Starts the poller thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { Name = "jupyter-sockets", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Queues a message for sending on <paramref name="channel"/> (thread-safe, never blocks).</summary>
    public void Send(KernelChannel channel, JupyterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (channel == KernelChannel.Heartbeat)
        {
            throw new ArgumentException("the heartbeat channel only echoes", nameof(channel));
        }

        try
        {
            _outgoing.Enqueue(new Outgoing(channel, message));
        }
        catch (ObjectDisposedException)
        {
            // shutting down: nobody listens any more
        }
    }

    /// <summary>Stops the poller once every message queued before this call has been sent.</summary>
    public void StopAfterPendingSends()
    {
        try
        {
            _outgoing.Enqueue(new Outgoing(null, null));
        }
        catch (ObjectDisposedException)
        {
            // already stopped
        }
    }

    /// <summary>Stops the poller (if running) and closes the sockets, which releases the ports.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_thread is not null && _poller.IsRunning)
        {
            StopAfterPendingSends();
            _stopped.Task.Wait(TimeSpan.FromSeconds(5));
        }

        _poller.Dispose();
        DisposeSockets();
    }

    private static int Bind(NetMQSocket socket, ConnectionInfo connection, int port)
    {
        if (port == 0)
        {
            return socket.BindRandomPort($"{connection.Transport}://{connection.IpAddress}");
        }

        socket.Bind(connection.Endpoint(port));
        return port;
    }

    private void Run()
    {
        try
        {
            _poller.Run();
        }
        catch (Exception e)
        {
            _log.Error($"socket poller failed: {e}");
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Receive(KernelChannel channel, NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames))
        {
            if (!_codec.TryDecode(frames, out var message, out var rejection))
            {
                Interlocked.Increment(ref _rejected);
                _log.Warn($"rejected a message on {channel.ToString().ToLowerInvariant()}: {rejection}; it was not executed");
                continue;
            }

            try
            {
                Received?.Invoke(channel, message!);
            }
            catch (Exception e)
            {
                _log.Error($"handling {message!.MessageType} failed: {e}");
            }

            frames = [];
        }
    }

    private static void Echo(NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames))
        {
            socket.SendMultipartBytes(frames);
            frames = [];
        }
    }

    private void Drain(NetMQQueue<Outgoing> queue)
    {
        while (queue.TryDequeue(out var item, TimeSpan.Zero))
        {
            if (item.Message is null)
            {
                _poller.StopAsync();
                return;
            }

            var socket = item.Channel switch
            {
                KernelChannel.Shell => (NetMQSocket)_shell,
                KernelChannel.Control => _control,
                KernelChannel.Stdin => _stdin,
                _ => _iopub,
            };
            try
            {
                socket.SendMultipartBytes(_codec.Encode(item.Message));
            }
            catch (Exception e) when (e is NetMQException or InvalidOperationException)
            {
                _log.Error($"sending {item.Message.MessageType} on {item.Channel} failed: {e.Message}");
            }
        }
    }

    private void DisposeSockets()
    {
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
        {
            socket.Dispose();
        }

        _outgoing.Dispose();
    }

    private sealed record Outgoing(KernelChannel? Channel, JupyterMessage? Message);
}

using MultiLabelContrastive.Kernel.Protocol;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Kernel.Server;

/// <summary>
/// Publishes the outputs of one execution on IOPub as they are produced. Console writes arrive piece by piece (one per
/// <c>Write</c>); consecutive pieces of one stream are merged and sent at most every <see cref="FlushInterval"/>, and
/// always before any other output, so the client sees outputs in the order the cell made them.
/// </summary>
internal sealed class OutputPublisher : IDisposable
{
    /// <summary>How long stream text may wait to be merged with more.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly KernelServer _server;
    private readonly JupyterMessage _parent;
    private readonly int _executionCount;
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private string? _streamName;
    private System.Text.StringBuilder _streamText = new();
    private bool _closed;

    /// <summary>Creates a publisher for the outputs of <paramref name="parent"/> (an execute request).</summary>
    public OutputPublisher(KernelServer server, JupyterMessage parent, int executionCount)
    {
        _server = server;
        _parent = parent;
        _executionCount = executionCount;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Publishes (or buffers, for stream text) one output. Ignored after <see cref="Dispose"/>.</summary>
    public void Publish(CellOutput output)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            if (output is StreamOutput stream)
            {
                if (_streamName is not null && _streamName != stream.Name)
                {
                    FlushLocked();
                }

                var wasEmpty = _streamName is null;
                _streamName = stream.Name;
                _streamText.Append(stream.Text);
                if (wasEmpty)
                {
                    _timer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            FlushLocked();
            var (type, content) = MimeBundleJson.Content(output, _executionCount);
            _server.Send(KernelChannel.IoPub, _server.Messages.Publish(_parent, type, content));
        }
    }

    /// <summary>Sends buffered stream text now.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            FlushLocked();
        }
    }

    /// <summary>Sends what is buffered and stops publishing: output that arrives later (a cell that did not stop) is dropped.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            FlushLocked();
            _closed = true;
        }

        _timer.Dispose();
    }

    private void FlushLocked()
    {
        if (_streamName is null || _closed)
        {
            return;
        }

        var (type, content) = MimeBundleJson.Content(new StreamOutput(_streamName, _streamText.ToString()), _executionCount);
        _server.Send(KernelChannel.IoPub, _server.Messages.Publish(_parent, type, content));
        _streamName = null;
        _streamText = new System.Text.StringBuilder();
    }
}

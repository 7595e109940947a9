using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Protocol;
using MultiLabelContrastive.Notebooks.Execution;

namespace MultiLabelContrastive.Kernel.Server;

/// <summary>
/// <see cref="Console.In"/> of the kernel: <c>Console.ReadLine()</c> in a cell sends an <c>input_request</c> on the
/// stdin channel to the client that sent the execute request and waits for its <c>input_reply</c> (or for an
/// interrupt). When the request said <c>allow_stdin: false</c> (nbconvert, most headless clients) reading throws
/// <see cref="InvalidOperationException"/> instead of waiting forever.
/// </summary>
internal sealed class KernelStdin(KernelServer server) : TextReader
{
    private readonly Lock _lock = new();
    private JupyterMessage? _request;
    private TaskCompletionSource<string>? _pending;
    private string? _line;
    private int _linePosition;

    /// <summary>Sets the execute request whose client answers input requests (null when no cell runs).</summary>
    public void SetRequest(JupyterMessage? executeRequest)
    {
        lock (_lock)
        {
            _request = executeRequest;
            _line = null;
            _pending?.TrySetCanceled();
            _pending = null;
        }
    }

    /// <summary>Delivers an <c>input_reply</c> received on the stdin channel.</summary>
    public void Deliver(JupyterMessage reply)
    {
        lock (_lock)
        {
            _pending?.TrySetResult(reply.ContentString("value"));
        }
    }

    /// <inheritdoc />
    public override string? ReadLine()
    {
        lock (_lock)
        {
            if (_line is not null)
            {
                var rest = _line[_linePosition..];
                _line = null;
                return rest;
            }
        }

        return RequestLine();
    }

    /// <inheritdoc />
    public override int Read()
    {
        var c = Peek();
        if (c >= 0)
        {
            lock (_lock)
            {
                _linePosition++;
                if (_linePosition >= _line!.Length)
                {
                    _line = null;
                }
            }
        }

        return c;
    }

    /// <inheritdoc />
    public override int Peek()
    {
        lock (_lock)
        {
            if (_line is not null)
            {
                return _line[_linePosition];
            }
        }

        var line = RequestLine();
        lock (_lock)
        {
            _line = line + "\n";
            _linePosition = 0;
            return _line[0];
        }
    }

    private string RequestLine()
    {
        TaskCompletionSource<string> pending;
        lock (_lock)
        {
            if (_request is null)
            {
                throw new InvalidOperationException("Console input is only available while a cell runs.");
            }

            if (!_request.ContentBool("allow_stdin", true))
            {
                throw new InvalidOperationException(
                    "Console.ReadLine(): this front end does not answer input requests (allow_stdin is false, as in headless runs); give the value in a cell instead.");
            }

            pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending = pending;
            server.Send(KernelChannel.Stdin, server.Messages.StdinRequest(_request, "input_request", new JsonObject { ["prompt"] = "", ["password"] = false }));
        }

        try
        {
            return pending.Task.WaitAsync(CellInterrupt.Token).GetAwaiter().GetResult();
        }
        catch (TaskCanceledException) when (!CellInterrupt.Token.IsCancellationRequested)
        {
            throw new InvalidOperationException("Console.ReadLine(): the cell ended before the front end answered.");
        }
    }
}

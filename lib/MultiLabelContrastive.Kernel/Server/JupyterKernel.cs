using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MultiLabelContrastive.Kernel.Language;
using MultiLabelContrastive.Kernel.Protocol;
using MultiLabelContrastive.Notebooks.Execution;

namespace MultiLabelContrastive.Kernel.Server;

/// <summary>
/// The Jupyter kernel: answers the requests of the shell and control channels over a <see cref="KernelServer"/> and
/// runs cells in an <see cref="ExecutionHost"/> (the notebook engine). Shell requests are served one at a time in the
/// order received, on one worker; control requests (interrupt, shutdown, kernel info) on another, so they are answered
/// while a cell runs. Every request is framed by <c>status: busy</c> and <c>status: idle</c> on IOPub.
/// </summary>
internal sealed class JupyterKernel : IDisposable
{
    /// <summary>The kernelspec name of this kernel (the notebooks' metadata name it).</summary>
    public const string KernelName = "mlc-csharp";

    /// <summary>The name users see in kernel pickers.</summary>
    public const string DisplayName = "C# (MultiLabelContrastive)";

    private readonly KernelServer _server;
    private readonly ExecutionHost _host;
    private readonly KernelLog _log;
    private readonly KernelStdin _stdin;
    private readonly Channel<JupyterMessage> _shell = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<JupyterMessage> _control = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<bool> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MessageFactory _messages;
    private bool _abortQueued;

    /// <summary>Creates the kernel on bound sockets; call <see cref="RunAsync"/> to serve.</summary>
    public JupyterKernel(KernelServer server, ExecutionHost host, KernelLog log)
    {
        _server = server;
        _host = host;
        _log = log;
        _messages = server.Messages;
        _stdin = new KernelStdin(server);
        Console.SetIn(_stdin);
        server.Received = OnReceived;
    }

    /// <summary>Serves until a shutdown request (or <paramref name="cancellationToken"/>), then stops the sockets
    /// after the last replies are sent.</summary>
    /// <returns>Whether the client asked for a restart.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        _server.Start();
        _server.Send(KernelChannel.IoPub, _messages.Publish(null, "status", new JsonObject { ["execution_state"] = "starting" }));
        _log.Info($"listening on {_server.Connection.IpAddress}: shell {_server.Connection.ShellPort}, iopub {_server.Connection.IoPubPort}, " +
                  $"stdin {_server.Connection.StdinPort}, control {_server.Connection.ControlPort}, hb {_server.Connection.HeartbeatPort}");
        var shellWorker = Task.Run(ServeShellAsync, CancellationToken.None);
        var controlWorker = Task.Run(ServeControlAsync, CancellationToken.None);
        using var registration = cancellationToken.Register(() => _shutdown.TrySetResult(false));
        var restart = await _shutdown.Task.ConfigureAwait(false);

        _host.Interrupt();
        _shell.Writer.TryComplete();
        _control.Writer.TryComplete();
        _server.StopAfterPendingSends();
        if (await Task.WhenAny(_server.Stopped, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false) != _server.Stopped)
        {
            _log.Warn("the sockets did not stop within 5 s");
        }
        await Task.WhenAny(Task.WhenAll(shellWorker, controlWorker), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        return restart;
    }

    /// <summary>Interrupts the running cell (SIGINT when the kernelspec's interrupt mode is <c>signal</c>).</summary>
    public void Interrupt()
    {
        _log.Info("interrupt");
        _host.Interrupt();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _server.Dispose();
        _host.Dispose();
    }

    private void OnReceived(KernelChannel channel, JupyterMessage message)
    {
        switch (channel)
        {
            case KernelChannel.Shell:
                _shell.Writer.TryWrite(message);
                break;
            case KernelChannel.Control:
                _control.Writer.TryWrite(message);
                break;
            case KernelChannel.Stdin when message.MessageType == "input_reply":
                _stdin.Deliver(message);
                break;
            default:
                _log.Warn($"ignored {message.MessageType} on {channel.ToString().ToLowerInvariant()}");
                break;
        }
    }

    private async Task ServeShellAsync()
    {
        await foreach (var request in _shell.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await ServeAsync(KernelChannel.Shell, request).ConfigureAwait(false);
            if (_abortQueued)
            {
                _abortQueued = false;
                AbortQueuedExecutions();
            }
        }
    }

    private async Task ServeControlAsync()
    {
        await foreach (var request in _control.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await ServeAsync(KernelChannel.Control, request).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(KernelChannel channel, JupyterMessage request)
    {
        Status(request, "busy");
        try
        {
            switch (request.MessageType)
            {
                case "kernel_info_request":
                    Reply(channel, request, "kernel_info_reply", KernelInfo());
                    break;
                case "execute_request" when channel == KernelChannel.Shell:
                    await ExecuteAsync(request).ConfigureAwait(false);
                    break;
                case "is_complete_request" when channel == KernelChannel.Shell:
                    var (status, indent) = CodeCompleteness.Check(request.ContentString("code"));
                    Reply(channel, request, "is_complete_reply", status == "incomplete"
                        ? new JsonObject { ["status"] = status, ["indent"] = indent }
                        : new JsonObject { ["status"] = status });
                    break;
                case "complete_request" when channel == KernelChannel.Shell:
                    Reply(channel, request, "complete_reply", Complete(request));
                    break;
                case "inspect_request" when channel == KernelChannel.Shell:
                    Reply(channel, request, "inspect_reply", Inspect(request));
                    break;
                case "history_request" when channel == KernelChannel.Shell:
                    Reply(channel, request, "history_reply", History(request));
                    break;
                case "comm_info_request":
                    // this kernel opens no comms (no widgets)
                    Reply(channel, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                    break;
                case "comm_open" when channel == KernelChannel.Shell:
                    // no comm targets: close at once, as the protocol asks for unknown targets
                    _server.Send(KernelChannel.IoPub, _messages.Publish(request, "comm_close", new JsonObject
                    {
                        ["comm_id"] = request.ContentString("comm_id"),
                        ["data"] = new JsonObject(),
                    }));
                    break;
                case "comm_msg" or "comm_close" when channel == KernelChannel.Shell:
                    break;
                case "interrupt_request" when channel == KernelChannel.Control:
                    Interrupt();
                    Reply(channel, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                    break;
                case "shutdown_request" when channel == KernelChannel.Control:
                    var restart = request.ContentBool("restart", false);
                    _log.Info($"shutdown requested (restart: {restart})");
                    var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                    Reply(channel, request, "shutdown_reply", content);
                    _server.Send(KernelChannel.IoPub, _messages.Publish(request, "shutdown_reply", content.DeepClone().AsObject()));
                    Status(request, "idle");
                    _shutdown.TrySetResult(restart);
                    return;
                default:
                    _log.Warn($"unsupported request {request.MessageType} on {channel.ToString().ToLowerInvariant()}; no reply");
                    break;
            }
        }
        catch (Exception e)
        {
            _log.Error($"{request.MessageType} failed: {e}");
            if (request.MessageType.EndsWith("_request", StringComparison.Ordinal))
            {
                Reply(channel, request, request.MessageType[..^"_request".Length] + "_reply",
                    new Notebooks.Model.ErrorOutput(e.GetType().Name, e.Message, []).WriteFields(new JsonObject { ["status"] = "error" }));
            }
        }

        Status(request, "idle");
    }

    private async Task ExecuteAsync(JupyterMessage request)
    {
        var code = request.ContentString("code");
        var silent = request.ContentBool("silent", false);
        var storeHistory = !silent && request.ContentBool("store_history", true);
        var stopOnError = request.ContentBool("stop_on_error", true);
        if (!silent)
        {
            _server.Send(KernelChannel.IoPub, _messages.Publish(request, "execute_input", new JsonObject
            {
                ["code"] = code,
                ["execution_count"] = storeHistory ? _host.ExecutionCount + 1 : _host.ExecutionCount,
            }));
        }

        _stdin.SetRequest(request);
        KernelExecution execution;
        var publisher = new OutputPublisher(_server, request, storeHistory ? _host.ExecutionCount + 1 : _host.ExecutionCount);
        try
        {
            execution = await _host.ExecuteAsync(code, storeHistory, output =>
            {
                if (!silent)
                {
                    publisher.Publish(output);
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            publisher.Dispose();
            _stdin.SetRequest(null);
        }

        JsonObject reply;
        if (execution.Result.Succeeded)
        {
            reply = new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = execution.ExecutionCount,
                ["payload"] = new JsonArray(),
                ["user_expressions"] = await UserExpressionsAsync(request).ConfigureAwait(false),
            };
        }
        else
        {
            var error = execution.Error ?? new Notebooks.Model.ErrorOutput(execution.Result.Status.ToString(), "the cell did not complete", []);
            reply = MimeBundleJson.Error(error);
            reply["status"] = "error";
            reply["execution_count"] = execution.ExecutionCount;
            reply["engine_status"] = execution.Result.Status.ToString();
        }

        Reply(KernelChannel.Shell, request, "execute_reply", reply, new JsonObject
        {
            ["started"] = execution.Result.Started.UtcDateTime.ToString("o"),
            ["status"] = execution.Result.Succeeded ? "ok" : "error",
        });

        // after this request's idle, the shell worker aborts the execute requests already waiting
        _abortQueued = !execution.Result.Succeeded && stopOnError;
    }

    /// <summary>After a failed cell (with <c>stop_on_error</c>), execute requests already waiting are not run: they
    /// get an <c>aborted</c> reply, as "Run All" expects. Other waiting requests are served normally.</summary>
    private void AbortQueuedExecutions()
    {
        var keep = new List<JupyterMessage>();
        while (_shell.Reader.TryRead(out var queued))
        {
            if (queued.MessageType != "execute_request")
            {
                keep.Add(queued);
                continue;
            }

            Status(queued, "busy");
            Reply(KernelChannel.Shell, queued, "execute_reply", new JsonObject
            {
                ["status"] = "aborted",
                ["execution_count"] = _host.ExecutionCount,
            });
            Status(queued, "idle");
        }

        foreach (var message in keep)
        {
            _shell.Writer.TryWrite(message);
        }
    }

    private async Task<JsonObject> UserExpressionsAsync(JupyterMessage request)
    {
        var results = new JsonObject();
        if (request.Content["user_expressions"] is not JsonObject expressions)
        {
            return results;
        }

        foreach (var (name, node) in expressions.ToList())
        {
            var expression = node is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
            var outcome = await _host.ExecuteAsync(expression, storeHistory: false, _ => { }).ConfigureAwait(false);
            if (outcome.Result.Succeeded)
            {
                var value = outcome.Result.Outputs.OfType<Notebooks.Model.ExecuteResultOutput>().LastOrDefault();
                results[name] = new JsonObject
                {
                    ["status"] = "ok",
                    ["data"] = value is null ? new JsonObject() : MimeBundleJson.Data(value.Data),
                    ["metadata"] = new JsonObject(),
                };
            }
            else
            {
                var error = MimeBundleJson.Error(outcome.Error ?? new Notebooks.Model.ErrorOutput("Error", "the expression failed", []));
                error["status"] = "error";
                results[name] = error;
            }
        }

        return results;
    }

    private JsonObject Complete(JupyterMessage request)
    {
        var code = request.ContentString("code");
        var cursor = request.ContentInt("cursor_pos", code.Length);
        var result = _host.Completion.Complete(code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(result.Items.Select(i => (JsonNode?)JsonValue.Create(i.Text)).ToArray()),
            ["cursor_start"] = result.CursorStart,
            ["cursor_end"] = result.CursorEnd,
            ["metadata"] = new JsonObject
            {
                ["_jupyter_types_experimental"] = new JsonArray(result.Items.Select(i => (JsonNode?)new JsonObject
                {
                    ["start"] = result.CursorStart,
                    ["end"] = result.CursorEnd,
                    ["text"] = i.Text,
                    ["type"] = i.Kind,
                }).ToArray()),
            },
        };
    }

    private JsonObject Inspect(JupyterMessage request)
    {
        var code = request.ContentString("code");
        var text = _host.Completion.Inspect(code, request.ContentInt("cursor_pos", code.Length), _host.Session);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = text is not null,
            ["data"] = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text },
            ["metadata"] = new JsonObject(),
        };
    }

    private JsonObject History(JupyterMessage request)
    {
        IEnumerable<(int Count, string Code)> entries = _host.History;
        switch (request.ContentString("hist_access_type", "tail"))
        {
            case "range":
                var start = request.ContentInt("start", 1);
                var stop = request.ContentInt("stop", int.MaxValue);
                entries = entries.Where(e => e.Count >= start && e.Count < stop);
                break;
            case "search":
                var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(request.ContentString("pattern", "*"))
                    .Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
                entries = entries.Where(e => System.Text.RegularExpressions.Regex.IsMatch(e.Code, pattern, System.Text.RegularExpressions.RegexOptions.Singleline));
                if (request.ContentBool("unique", false))
                {
                    entries = entries.Reverse().DistinctBy(e => e.Code).Reverse();
                }

                entries = entries.TakeLast(request.ContentInt("n", int.MaxValue));
                break;
            default:
                entries = entries.TakeLast(request.ContentInt("n", 1000));
                break;
        }

        return new JsonObject
        {
            ["status"] = "ok",
            ["history"] = new JsonArray(entries.Select(e => (JsonNode?)new JsonArray(1, e.Count, e.Code)).ToArray()),
        };
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = MessageFactory.ProtocolVersion,
        ["implementation"] = KernelName,
        ["implementation_version"] = typeof(JupyterKernel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "csharp",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"{DisplayName}: C# scripting (Roslyn) on {RuntimeInformation.FrameworkDescription}, the engine of the project's notebook executor.",
        ["help_links"] = new JsonArray(),
        ["debugger"] = false,
    };

    private void Status(JupyterMessage parent, string state) =>
        _server.Send(KernelChannel.IoPub, _messages.Publish(parent, "status", new JsonObject { ["execution_state"] = state }));

    private void Reply(KernelChannel channel, JupyterMessage request, string type, JsonObject content, JsonObject? metadata = null) =>
        _server.Send(channel, _messages.Reply(request, type, content, metadata));
}

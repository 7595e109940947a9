using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace MultiLabelContrastive.Kernel.Tests.Jupyter;

/// <summary>
/// Debian's classic Jupyter Notebook server (<c>/usr/bin/jupyter-notebook</c>) on 127.0.0.1, a free port and a random
/// token, serving one folder, with HOME and every Jupyter folder inside a <see cref="JupyterEnvironment"/> (so it finds
/// our kernel there and touches nothing of the user's). Dispose asks it to shut down and kills it (with its kernels) if it
/// does not; its log is kept for failure messages.
/// </summary>
public sealed class ClassicNotebookServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/jupyter-notebook";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ClassicNotebookServer(Process process, int port, string token)
    {
        _process = process;
        Port = port;
        Token = token;
    }

    public int Port { get; }

    public string Token { get; }

    /// <summary>The server's root URL, e.g. <c>http://127.0.0.1:8123/</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>What the server printed so far (stdout and stderr).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ClassicNotebookServer> StartAsync(JupyterEnvironment jupyter, string notebookDirectory, TimeSpan timeout)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: bash .ci/install-prerequisites.sh installs Debian's jupyter-notebook");
        var port = FreePort();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var home = Directory.CreateDirectory(Path.Combine(jupyter.WorkDirectory, "..", "home")).FullName;
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = notebookDirectory,
        };
        foreach (var argument in new[]
                 {
                     "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0", $"--NotebookApp.token={token}",
                     "--NotebookApp.password=", $"--notebook-dir={notebookDirectory}", "--NotebookApp.allow_remote_access=False",
                     "--MappingKernelManager.cull_idle_timeout=0",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        if (Environment.UserName == "root")
        {
            info.ArgumentList.Add("--allow-root"); // CI containers run as root; the server refuses that without the flag
        }

        foreach (var (key, value) in jupyter.Variables)
        {
            info.Environment[key] = value;
        }

        info.Environment["HOME"] = home;
        info.Environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        info.Environment["IPYTHONDIR"] = Path.Combine(home, ".ipython");
        info.Environment["PYTHONNOUSERSITE"] = "1";
        info.Environment["BROWSER"] = "true";

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Executable}");
        var server = new ClassicNotebookServer(process, port, token);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilUpAsync(timeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}api/shutdown");
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", Token);
                    await http.SendAsync(request);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // already gone or not answering: killed below
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilUpAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Executable} exited with {_process.ExitCode} before serving:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync($"{BaseUrl}api/status?token={Token}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{Executable} did not answer on {BaseUrl} within {timeout.TotalSeconds} s:\n{Log}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

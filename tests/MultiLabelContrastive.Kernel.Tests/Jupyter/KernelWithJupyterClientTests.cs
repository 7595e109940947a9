using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Tests.Support;

namespace MultiLabelContrastive.Kernel.Tests.Jupyter;

/// <summary>Runs <c>kernel_checks.py</c> once: Debian's jupyter_client (KernelManager, BlockingKernelClient, raw pyzmq)
/// drives the built kernel through its installed kernelspec. Each check of the script is one test case here.</summary>
public sealed class JupyterClientRun : IDisposable
{
    public JupyterClientRun()
    {
        Environment = new JupyterEnvironment();
        var results = Path.Combine(Environment.WorkDirectory, "results.json");
        var (exit, stdout, stderr) = ProcessRunner.Run(
            TestPaths.Python,
            [TestPaths.TestFile("Jupyter", "kernel_checks.py"), results, Path.Combine(Environment.WorkDirectory, "checks")],
            TimeSpan.FromMinutes(4),
            Environment.Variables.ToDictionary(),
            Environment.WorkDirectory);
        ScriptOutput = $"exit {exit}\n{stdout}\n{stderr}";
        Results = File.Exists(results)
            ? JsonNode.Parse(File.ReadAllText(results))!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["name"]!.GetValue<string>())
            : [];
        var log = Path.Combine(Environment.WorkDirectory, "checks", "kernel.log");
        KernelLog = File.Exists(log) ? File.ReadAllText(log) : "(no kernel log)";
    }

    public JupyterEnvironment Environment { get; }

    public string ScriptOutput { get; }

    public string KernelLog { get; }

    public IReadOnlyDictionary<string, JsonObject> Results { get; }

    public void Dispose() => Environment.Dispose();
}

public sealed class KernelWithJupyterClientTests(JupyterClientRun run) : IClassFixture<JupyterClientRun>
{
    [Theory]
    [InlineData("start")]
    [InlineData("kernel_info")]
    [InlineData("state_across_cells")]
    [InlineData("stream_output")]
    [InlineData("display_data_html_and_plotly")]
    [InlineData("error_cell_keeps_kernel_alive")]
    [InlineData("stop_on_error_aborts_queued_cells")]
    [InlineData("is_complete")]
    [InlineData("complete_request")]
    [InlineData("inspect_request")]
    [InlineData("stdin_input_request")]
    [InlineData("interrupt_infinite_loop_message_mode")]
    [InlineData("interrupt_infinite_loop_sigint")]
    [InlineData("bad_signature_is_rejected_not_executed")]
    [InlineData("stuck_cell_gets_fresh_session")]
    [InlineData("restart")]
    [InlineData("shutdown_releases_ports")]
    [InlineData("kernelspec_logos_are_valid_png")]
    public void Check_passes(string check)
    {
        Assert.True(run.Results.TryGetValue(check, out var result), $"check '{check}' did not run.\n{run.ScriptOutput}\nkernel log:\n{run.KernelLog}");
        Assert.True(result["ok"]!.GetValue<bool>(), $"{check}: {result["detail"]}\nkernel log:\n{run.KernelLog}");
    }

    [Fact]
    public void Jupyter_kernelspec_list_finds_the_installed_kernel()
    {
        Assert.Contains("mlc-csharp", run.Environment.InstallOutput);
        var listing = JsonNode.Parse(run.Environment.Run("/usr/bin/jupyter", ["kernelspec", "list", "--json"], TimeSpan.FromMinutes(1)))!;
        var spec = listing["kernelspecs"]!["mlc-csharp"];
        Assert.NotNull(spec);
        Assert.Equal("C# (MultiLabelContrastive)", spec["spec"]!["display_name"]!.GetValue<string>());
        Assert.Equal(TestPaths.KernelAssembly, spec["spec"]!["argv"]![1]!.GetValue<string>());
        Assert.StartsWith(run.Environment.DataDirectory, spec["resource_dir"]!.GetValue<string>());
    }

    [Fact]
    public void Every_message_rejected_in_the_checks_is_logged_as_not_executed()
    {
        var rejections = run.KernelLog.Split('\n').Where(l => l.Contains("rejected a message", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, rejections.Count);
        Assert.All(rejections, line => Assert.EndsWith("it was not executed", line.TrimEnd()));
    }
}

namespace MultiLabelContrastive.Tests.Devcontainer;

/// <summary>
/// .devcontainer/post-create.sh --dry-run: which TorchBackend it picks for what nvidia-smi says, with stand-in
/// nvidia-smi commands on a PATH of their own (so a real GPU or driver on the test machine changes nothing).
/// </summary>
public class PostCreateTests
{
    private static ToolResult DryRun(string? nvidiaSmiScript, string? forced = null)
    {
        var bin = Directory.CreateTempSubdirectory("post-create-path-");
        try
        {
            // Only the tools the script needs, so that no real nvidia-smi is found.
            foreach (var tool in new[] { "dirname", "grep", "sed" })
            {
                var real = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
                           ?? throw new FileNotFoundException($"{tool} not found in /usr/bin or /bin");
                File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), real);
            }
            if (nvidiaSmiScript is not null)
            {
                var smi = Path.Combine(bin.FullName, "nvidia-smi");
                File.WriteAllText(smi, "#!/bin/sh\n" + nvidiaSmiScript + "\n");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(smi, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            }
            var bash = new[] { "/usr/bin/bash", "/bin/bash" }.First(File.Exists);
            return ExternalTool.Run(bash, [".devcontainer/post-create.sh", "--dry-run"], new Dictionary<string, string?>
            {
                ["PATH"] = bin.FullName,
                ["MLC_TORCH_BACKEND"] = forced,
                ["TorchBackend"] = null,
                ["HOME"] = bin.FullName,
            });
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private const string TwoGpus =
        "echo 'GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-0)'; echo 'GPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-1)'";

    [Fact]
    public void A_working_nvidia_smi_selects_the_cuda_backend_for_restore_and_build()
    {
        var result = DryRun(TwoGpus);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("TorchBackend=cuda (nvidia-smi lists 2 GPU(s))", result.Stdout);
        Assert.Contains("+ dotnet restore Notebooks.sln -p:TorchBackend=cuda", result.Stdout);
        Assert.Contains("+ dotnet build Notebooks.sln -c Release --no-restore -p:TorchBackend=cuda", result.Stdout);
        Assert.Contains("export TorchBackend=cuda", result.Stdout);
    }

    [Theory]
    [InlineData(null)]                                                                          // no nvidia-smi at all
    [InlineData("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9")]
    [InlineData("echo 'No devices were found'; exit 6")]
    [InlineData("exit 0")]                                                                      // works, lists nothing
    public void Without_a_usable_gpu_the_cpu_backend_is_chosen(string? nvidiaSmi)
    {
        var result = DryRun(nvidiaSmi);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("TorchBackend=cpu (no GPU", result.Stdout);
        Assert.Contains("+ dotnet restore Notebooks.sln -p:TorchBackend=cpu", result.Stdout);
        Assert.Contains("+ dotnet build Notebooks.sln -c Release --no-restore -p:TorchBackend=cpu", result.Stdout);
        Assert.DoesNotContain("cuda", result.Stdout);
    }

    [Fact]
    public void MLC_TORCH_BACKEND_forces_the_choice()
    {
        var result = DryRun(TwoGpus, forced: "cpu");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("TorchBackend=cpu (MLC_TORCH_BACKEND=cpu)", result.Stdout);

        var bad = DryRun(TwoGpus, forced: "rocm");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("MLC_TORCH_BACKEND must be cpu or cuda", bad.Stderr);
    }

    [Fact]
    public void Steps_run_in_order_prerequisites_restore_build_then_the_kernel()
    {
        var lines = DryRun(null).Stdout.Split('\n');
        int At(string prefix) => Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        var order = new[]
        {
            At("+ bash .ci/install-prerequisites.sh"), At("+ dotnet restore Notebooks.sln"), At("+ dotnet build Notebooks.sln"),
            At("+ dotnet build lib/MultiLabelContrastive.Kernel/"), At("+ dotnet lib/"),
        };
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), string.Join('\n', lines));

        // The kernel it installs is the output of the project built just before it.
        var kernel = lines[order[4]].Split(' ')[2];
        Assert.EndsWith("install-kernel --user", lines[order[4]]);
        var project = kernel.Split("/bin/")[0];
        Assert.Contains($"+ dotnet build {project}/{Path.GetFileName(project)}.csproj -c Release -p:TorchBackend=cpu", lines[order[3]]);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, project, Path.GetFileName(project) + ".csproj")), kernel);
    }
}

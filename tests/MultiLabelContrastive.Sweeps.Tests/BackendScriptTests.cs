using YamlDotNet.RepresentationModel;

namespace MultiLabelContrastive.Sweeps.Tests;

public sealed class BackendScriptTests
{
    private static readonly string[] TaskCommand = ["dotnet", "/shared/runner/MultiLabelContrastive.Runner.dll", "sweep", "run", "/shared/sweep/manifest.jsonl", "--store", "/shared/sweep/my results"];

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, 2, "0-3%2")]
    [InlineData(new[] { 3, 1, 5, 6, 7 }, 8, "1,3,5-7%8")]
    [InlineData(new[] { 4 }, 0, "4")]
    public void Array_spec_compresses_indices_with_the_parallel_limit(int[] indices, int k, string expected) =>
        Assert.Equal(expected, ArraySpec.Of(indices, k));

    [Fact]
    public void Sbatch_script_has_the_array_gres_time_partition_account_and_extra_options()
    {
        var script = SlurmScript.Text([0, 1, 2, 3, 4], new SlurmOptions
        {
            JobName = "table-iii", MaxParallel = 2, GpusPerTask = 1, CpusPerTask = 4, Memory = "32G", Time = "04:00:00",
            Partition = "gpu", Account = "lab42", ExtraOptions = ["--qos=long", "--constraint=a100"],
        }, TaskCommand, "/shared/sweep/logs");
        var directives = script.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).Select(l => l["#SBATCH ".Length..]).ToList();
        Assert.Equal(
            ["--job-name=table-iii", "--array=0-4%2", "--output=/shared/sweep/logs/%A_%a.out", "--ntasks=1", "--gres=gpu:1", "--cpus-per-task=4", "--mem=32G",
             "--time=04:00:00", "--partition=gpu", "--account=lab42", "--qos=long", "--constraint=a100"],
            directives);
        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("exec dotnet /shared/runner/MultiLabelContrastive.Runner.dll sweep run /shared/sweep/manifest.jsonl --store '/shared/sweep/my results' --task \"$SLURM_ARRAY_TASK_ID\"\n", script);
        Assert.DoesNotContain("--gres", SlurmScript.Text([0], new SlurmOptions { GpusPerTask = 0 }, TaskCommand, "/l"));
        Assert.Throws<ArgumentException>(() => SlurmScript.Text([0], new SlurmOptions { ExtraOptions = ["qos=long"] }, TaskCommand, "/l"));
        Assert.Throws<ArgumentException>(() => SlurmScript.Text([], new SlurmOptions(), TaskCommand, "/l"));
    }

    [Fact]
    public void Sbatch_script_is_valid_bash_and_quotes_arguments()
    {
        var folder = SweepFixture.TemporaryFolder("bash");
        try
        {
            var script = Path.Combine(folder, "s.sbatch");
            // a task command that echoes its arguments, one per line, instead of running the sweep
            File.WriteAllText(script, SlurmScript.Text([0, 1], new SlurmOptions(), ["printf", "%s\\n", "it's", "a b", "$HOME"], folder));
            var (exit, output) = SweepFixture.Tool("bash", "-n", script);
            Assert.True(exit == 0, output);
            (exit, output) = SweepFixture.Tool("env", "SLURM_ARRAY_TASK_ID=7", "bash", script);
            Assert.True(exit == 0, output);
            Assert.Equal(["it's", "a b", "$HOME", "--task", "7"], output.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Kubernetes_manifest_is_an_Indexed_Job_whose_pods_run_their_completion_index()
    {
        var yaml = KubernetesJob.Yaml(12, new KubernetesOptions { Name = "sweep-table-iii", Image = "ghcr.io/lab/mlc:1", VolumeClaim = "shared", MountPath = "/shared", MaxParallel = 4, GpusPerTask = 1 }, TaskCommand);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        string At(YamlNode node, params string[] path) => ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key])).Value!;
        Assert.Equal("batch/v1", At(root, "apiVersion"));
        Assert.Equal("Job", At(root, "kind"));
        Assert.Equal("sweep-table-iii", At(root, "metadata", "name"));
        Assert.Equal("Indexed", At(root, "spec", "completionMode"));
        Assert.Equal("12", At(root, "spec", "completions"));
        Assert.Equal("4", At(root, "spec", "parallelism"));
        var pod = root["spec"]["template"]["spec"];
        Assert.Equal("Never", At(pod, "restartPolicy"));
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Single();
        Assert.Equal("ghcr.io/lab/mlc:1", At(container, "image"));
        Assert.Equal("1", At(container, "resources", "limits", "nvidia.com/gpu"));
        var command = ((YamlSequenceNode)container["command"]).Select(n => ((YamlScalarNode)n).Value).ToList();
        var args = ((YamlSequenceNode)container["args"]).Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Equal(["/bin/sh", "-c"], command);
        Assert.Equal("exec dotnet /shared/runner/MultiLabelContrastive.Runner.dll sweep run /shared/sweep/manifest.jsonl --store '/shared/sweep/my results' --task \"$JOB_COMPLETION_INDEX\"", Assert.Single(args));
        var mount = (YamlMappingNode)((YamlSequenceNode)container["volumeMounts"]).Single();
        var volume = (YamlMappingNode)((YamlSequenceNode)pod["volumes"]).Single();
        Assert.Equal(At(mount, "name"), At(volume, "name"));
        Assert.Equal("/shared", At(mount, "mountPath"));
        Assert.Equal("shared", At(volume, "persistentVolumeClaim", "claimName"));
        // the shell the pod runs expands the index Kubernetes sets
        var (exit, output) = SweepFixture.Tool("env", "JOB_COMPLETION_INDEX=5", "/bin/sh", "-c", args[0].Replace("exec dotnet", "exec echo", StringComparison.Ordinal));
        Assert.True(exit == 0, output);
        Assert.EndsWith("--task 5\n", output, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => KubernetesJob.Yaml(3, new KubernetesOptions { Name = "Bad_Name", Image = "i", VolumeClaim = "c", MountPath = "/s" }, TaskCommand));
    }
}

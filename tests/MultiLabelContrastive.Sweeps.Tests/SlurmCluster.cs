namespace MultiLabelContrastive.Sweeps.Tests;

/// <summary>
/// A real single-node Slurm cluster on localhost (.ci/start-slurm.sh: munged, slurmctld, slurmd): started for the
/// tests unless one is already running, stopped afterwards only if started here. Missing Slurm is an error naming
/// the fix, never a skip.
/// </summary>
public sealed class SlurmCluster : IAsyncLifetime
{
    private bool _startedHere;

    public static string Folder => Environment.GetEnvironmentVariable("MLC_SLURM_DIR") is { Length: > 0 } d ? d : "/tmp/mlc-slurm";

    public static string Script => Path.Combine(RepositoryRoot.Path, ".ci", "start-slurm.sh");

    public Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(Folder, "slurm.conf"));
        _startedHere = SweepFixture.Tool("bash", Script, "status").Exit != 0;
        var (exit, output) = SweepFixture.Tool("bash", Script, "start");
        Assert.True(exit == 0, $"the test cluster did not start ({Script} start; install slurm-wlm and munge with .ci/install-prerequisites.sh):\n{output}");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (_startedHere) SweepFixture.Tool("bash", Script, "stop");
        return Task.CompletedTask;
    }

    /// <summary>The states of a job's tasks in the queue (<c>squeue -h -j JOB -o "%i %t"</c>): task id → state.</summary>
    public static Dictionary<string, string> Queue(string job)
    {
        var (exit, output) = SweepFixture.Tool("squeue", "-h", "-r", "-j", job, "-o", "%i %t");
        if (exit != 0) return [];
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
    }

    public static async Task WaitUntilGoneAsync(string job, int timeoutSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (Queue(job).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {job} still queued after {timeoutSeconds} s");
            await Task.Delay(1000);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "single-node Slurm on localhost";
}

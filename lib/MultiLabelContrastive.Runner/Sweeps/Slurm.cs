namespace MultiLabelContrastive.Runner.Sweeps;

/// <summary>The Slurm client commands the sweep uses: sbatch and squeue.</summary>
internal static class Slurm
{
    /// <summary>Submits a script with <c>sbatch --parsable</c>; returns the job id.</summary>
    /// <exception cref="InvalidOperationException">sbatch is missing or refused the script (its message included).</exception>
    public static async Task<string> SubmitAsync(string script, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var exit = await Tool.RunAsync("sbatch", ["--parsable", script], output, cancellationToken);
        var text = output.ToString().Trim();
        if (exit != 0) throw new InvalidOperationException($"sbatch refused {script} (exit code {exit}): {text}");
        return text.Split(';')[0].Split('\n')[^1].Trim();
    }

    /// <summary>Waits until no task of the job is in the queue (<c>squeue -h -j JOB</c> prints nothing).</summary>
    public static async Task WaitAsync(string job, CancellationToken cancellationToken)
    {
        while (true)
        {
            var output = new StringWriter();
            var exit = await Tool.RunAsync("squeue", ["-h", "-j", job, "-o", "%i %t"], output, cancellationToken);
            // squeue fails with "Invalid job id" once the job has left the controller's memory (MinJobAge).
            if (exit != 0 || output.ToString().Trim().Length == 0) return;
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}

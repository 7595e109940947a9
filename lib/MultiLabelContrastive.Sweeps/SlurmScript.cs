using System.Text;

namespace MultiLabelContrastive.Sweeps;

/// <summary>The sbatch script of a sweep: a job array with one task per manifest line still to run, each executing
/// <c>sweep run --task $SLURM_ARRAY_TASK_ID</c>.</summary>
public static class SlurmScript
{
    /// <summary>The script's text.</summary>
    /// <param name="indices">The task indices to run (a resubmission passes only the missing ones).</param>
    /// <param name="options">sbatch settings.</param>
    /// <param name="taskCommand">The command of a task without its index: the runner and <c>sweep run MANIFEST --store STORE</c>
    /// (absolute paths on storage every node sees).</param>
    /// <param name="logsFolder">Where Slurm writes each task's output (<c>%A_%a.out</c>).</param>
    /// <exception cref="ArgumentException">An option that is not one line, or an extra option that does not start with '-'.</exception>
    public static string Text(IReadOnlyList<int> indices, SlurmOptions options, IReadOnlyList<string> taskCommand, string logsFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(taskCommand);
        var lines = new List<string>
        {
            $"--job-name={options.JobName}",
            $"--array={ArraySpec.Of(indices, options.MaxParallel)}",
            $"--output={Path.Combine(logsFolder, "%A_%a.out")}",
            "--ntasks=1",
        };
        if (options.GpusPerTask < 0) throw new ArgumentException($"GPUs per task must be ≥ 0, got {options.GpusPerTask}.", nameof(options));
        if (options.GpusPerTask > 0) lines.Add($"--gres=gpu:{options.GpusPerTask}");
        if (options.CpusPerTask is { } cpus)
            lines.Add(cpus > 0 ? $"--cpus-per-task={cpus}" : throw new ArgumentException($"CPUs per task must be positive, got {cpus}.", nameof(options)));
        if (options.Memory is { } memory) lines.Add($"--mem={memory}");
        if (options.Time is { } time) lines.Add($"--time={time}");
        if (options.Partition is { } partition) lines.Add($"--partition={partition}");
        if (options.Account is { } account) lines.Add($"--account={account}");
        foreach (var extra in options.ExtraOptions)
            lines.Add(extra.StartsWith('-') ? extra : throw new ArgumentException($"sbatch option '{extra}' does not start with '-' (write e.g. --qos=long).", nameof(options)));
        var bad = lines.FirstOrDefault(l => l.Contains('\n') || l.Contains('\r'));
        if (bad is not null) throw new ArgumentException($"sbatch option '{bad}' spans lines.", nameof(options));

        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append("# A sweep's job array, written by `MultiLabelContrastive.Runner sweep submit --backend slurm`: task i runs line i of the\n");
        script.Append("# manifest and writes its record into the results store; a task whose id is already done exits at once.\n");
        foreach (var line in lines) script.Append("#SBATCH ").Append(line).Append('\n');
        script.Append("set -eu\n");
        script.Append("# libtorch's threads: the CPUs Slurm gave the task (1 unless --cpus-per-task).\n");
        script.Append("export OMP_NUM_THREADS=\"${OMP_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-1}}\"\n");
        script.Append("exec ").Append(Shell.Join(taskCommand)).Append(" --task \"$SLURM_ARRAY_TASK_ID\"\n");
        return script.ToString();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiLabelContrastive.Sweeps;

/// <summary>
/// A sweep as a Kubernetes Indexed Job (<c>completionMode: Indexed</c>), for clusters without Slurm: pod i gets
/// <c>JOB_COMPLETION_INDEX=i</c> from Kubernetes and runs <c>sweep run --task $JOB_COMPLETION_INDEX</c>. Indices whose
/// ids are done exit at once, so applying the Job again after a partial run redoes only the missing ones.
/// </summary>
public static partial class KubernetesJob
{
    /// <summary>The Job manifest (YAML).</summary>
    /// <param name="tasks">N, the manifest's lines (<c>completions</c>).</param>
    /// <param name="options">Image, storage, parallelism, GPUs.</param>
    /// <param name="taskCommand">The command of a task without its index, as in <see cref="SlurmScript.Text"/>.</param>
    /// <exception cref="ArgumentException">An invalid name, no tasks, or a non-positive parallelism.</exception>
    public static string Yaml(int tasks, KubernetesOptions options, IReadOnlyList<string> taskCommand)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(taskCommand);
        if (!DnsLabel().IsMatch(options.Name))
            throw new ArgumentException($"Job name '{options.Name}' is not a DNS label (lower-case letters, digits, '-', at most 63 characters).", nameof(options));
        if (tasks <= 0) throw new ArgumentException("There are no tasks.", nameof(tasks));
        if (options.MaxParallel <= 0) throw new ArgumentException($"Parallelism must be positive, got {options.MaxParallel}.", nameof(options));
        static string S(string text) => JsonSerializer.Serialize(text); // a JSON string is a valid YAML flow scalar
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var shell = $"exec {Shell.Join(taskCommand)} --task \"$JOB_COMPLETION_INDEX\"";
        var yaml = new StringBuilder();
        yaml.Append("# A sweep as a Kubernetes Indexed Job, written by `MultiLabelContrastive.Runner sweep submit --backend kubernetes`.\n");
        yaml.Append("# Pod i runs line i of the manifest (JOB_COMPLETION_INDEX=i); apply with `kubectl apply -f`.\n");
        yaml.Append("apiVersion: batch/v1\nkind: Job\nmetadata:\n");
        yaml.Append("  name: ").Append(S(options.Name)).Append('\n');
        if (options.Namespace is { } ns) yaml.Append("  namespace: ").Append(S(ns)).Append('\n');
        yaml.Append("spec:\n");
        yaml.Append("  completionMode: Indexed\n");
        yaml.Append("  completions: ").Append(N(tasks)).Append('\n');
        yaml.Append("  parallelism: ").Append(N(Math.Min(options.MaxParallel, tasks))).Append('\n');
        yaml.Append("  backoffLimitPerIndex: ").Append(N(options.RetriesPerIndex)).Append('\n');
        yaml.Append("  template:\n    spec:\n      restartPolicy: Never\n      containers:\n");
        yaml.Append("        - name: task\n");
        yaml.Append("          image: ").Append(S(options.Image)).Append('\n');
        yaml.Append("          command: [\"/bin/sh\", \"-c\"]\n");
        yaml.Append("          args: [").Append(S(shell)).Append("]\n");
        yaml.Append("          env:\n            - name: OMP_NUM_THREADS\n              value: \"1\"\n");
        if (options.GpusPerTask > 0)
            yaml.Append("          resources:\n            limits:\n              nvidia.com/gpu: ").Append(N(options.GpusPerTask)).Append('\n');
        yaml.Append("          volumeMounts:\n            - name: shared\n              mountPath: ").Append(S(options.MountPath)).Append('\n');
        yaml.Append("      volumes:\n        - name: shared\n          persistentVolumeClaim:\n            claimName: ").Append(S(options.VolumeClaim)).Append('\n');
        return yaml.ToString();
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}

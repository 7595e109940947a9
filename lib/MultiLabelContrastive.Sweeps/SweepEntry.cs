namespace MultiLabelContrastive.Sweeps;

/// <summary>One line of a sweep manifest: one notebook run.</summary>
/// <param name="Index">0-based line number: the array task index (<c>--task</c>, <c>SLURM_ARRAY_TASK_ID</c>, <c>JOB_COMPLETION_INDEX</c>).</param>
/// <param name="Id">The content-hashed id of the parameter set (<see cref="SweepId"/>), the key of its record in a results store.</param>
/// <param name="Notebook">The notebook, relative to the manifest's folder, '/'-separated.</param>
/// <param name="Parameters">Name → value text, in ordinal order of the names.</param>
public sealed record SweepEntry(int Index, string Id, string Notebook, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The parameters as <c>Name=Value</c>, comma-separated (for logs and tables).</summary>
    public string Describe() => string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));
}

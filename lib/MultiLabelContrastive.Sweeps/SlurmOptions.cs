namespace MultiLabelContrastive.Sweeps;

/// <summary>The sbatch settings of a sweep's job array.</summary>
public sealed record SlurmOptions
{
    /// <summary><c>--job-name</c>.</summary>
    public string JobName { get; init; } = "sweep";

    /// <summary>K in <c>--array=…%K</c>: the most tasks running at once; 0 for no limit.</summary>
    public int MaxParallel { get; init; }

    /// <summary>GPUs per task (<c>--gres=gpu:N</c>); 0 writes no <c>--gres</c> (CPU clusters, the CI's test cluster).</summary>
    public int GpusPerTask { get; init; } = 1;

    /// <summary><c>--cpus-per-task</c> (also libtorch's threads through OMP_NUM_THREADS); null: the cluster's default.</summary>
    public int? CpusPerTask { get; init; }

    /// <summary><c>--mem</c>, e.g. <c>32G</c>; null: the cluster's default.</summary>
    public string? Memory { get; init; }

    /// <summary><c>--time</c>, e.g. <c>04:00:00</c> or <c>1-00:00:00</c>; null: the partition's default.</summary>
    public string? Time { get; init; }

    /// <summary><c>--partition</c>; null: the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--account</c>; null: the user's default.</summary>
    public string? Account { get; init; }

    /// <summary>More sbatch options, each written as one <c>#SBATCH</c> line, e.g. <c>--qos=long</c>, <c>--constraint=a100</c>.</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];
}

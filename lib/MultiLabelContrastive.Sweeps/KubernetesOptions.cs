namespace MultiLabelContrastive.Sweeps;

/// <summary>The settings of a sweep's Kubernetes Indexed Job.</summary>
public sealed record KubernetesOptions
{
    /// <summary>The Job's name (lower-case letters, digits and '-', at most 63 characters).</summary>
    public string Name { get; init; } = "sweep";

    /// <summary>The container image: it must hold the .NET runtime (or the runner's apphost) and what the notebooks need.</summary>
    public required string Image { get; init; }

    /// <summary>The PersistentVolumeClaim with the runner, the manifest, the data and the results store.</summary>
    public required string VolumeClaim { get; init; }

    /// <summary>Where the claim is mounted in the container; the paths in the task command must lie under it.</summary>
    public required string MountPath { get; init; }

    /// <summary>Pods running at once (<c>parallelism</c>).</summary>
    public int MaxParallel { get; init; } = 1;

    /// <summary>GPUs per pod (<c>nvidia.com/gpu</c> limit); 0 for none.</summary>
    public int GpusPerTask { get; init; } = 1;

    /// <summary>Retries of a failed index (<c>backoffLimitPerIndex</c>, Kubernetes ≥ 1.29).</summary>
    public int RetriesPerIndex { get; init; } = 1;

    /// <summary>The namespace, or null for the current context's.</summary>
    public string? Namespace { get; init; }
}

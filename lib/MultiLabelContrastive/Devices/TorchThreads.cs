using System.Globalization;
using TorchSharp;

namespace MultiLabelContrastive.Devices;

/// <summary>
/// libtorch's CPU thread count for this process, set once when the library first chooses a device or trains: the
/// environment variable <c>MLC_THREADS</c> when set, else max(1, processor count − 1).
/// </summary>
/// <remarks>
/// <para>Why not libtorch's own default (one thread per core): on a small shared CPU, two threads on two cores of which
/// one is busy wait for each other at every parallel region and train 5–50× slower than one thread (the yeast stage 1:
/// 7–8 s with one thread, 35–42 s with two). Leaving one core free keeps the default off that cliff; the busy-cpu
/// benchmark of tests/MultiLabelContrastive.Benchmarks measures it.</para>
/// <para>When <c>MLC_THREADS</c> is not set but <c>OMP_NUM_THREADS</c> or <c>MKL_NUM_THREADS</c> is, libtorch's
/// setting (which follows those) is left alone. <see cref="Configure"/> acts once per process; later calls of
/// <c>torch.set_num_threads</c> (e.g. <c>TrainingOptions.Threads</c>) still change the count.</para>
/// </remarks>
public static class TorchThreads
{
    /// <summary>The environment variable that sets the thread count: <c>MLC_THREADS</c> (an integer ≥ 1).</summary>
    public const string EnvironmentVariable = "MLC_THREADS";

    private static readonly Lazy<int> Configured = new(() => Apply(Environment.GetEnvironmentVariable), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The default count for a processor count: max(1, processors − 1).</summary>
    /// <param name="processorCount">Logical processors of the machine (<see cref="Environment.ProcessorCount"/>).</param>
    public static int DefaultCount(int processorCount) => Math.Max(1, processorCount - 1);

    /// <summary>The count a setting asks for: the <c>MLC_THREADS</c> value when set (blank means not set), else
    /// <see cref="DefaultCount"/> of <paramref name="processorCount"/>; null when libtorch's own setting is to be kept
    /// (<c>MLC_THREADS</c> unset but <c>OMP_NUM_THREADS</c> or <c>MKL_NUM_THREADS</c> set).</summary>
    /// <param name="readEnvironment">Reads an environment variable by name.</param>
    /// <param name="processorCount">Logical processors of the machine.</param>
    /// <exception cref="InvalidOperationException"><c>MLC_THREADS</c> is not an integer ≥ 1.</exception>
    public static int? Resolve(Func<string, string?> readEnvironment, int processorCount)
    {
        ArgumentNullException.ThrowIfNull(readEnvironment);
        var setting = readEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(setting))
        {
            if (!int.TryParse(setting.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var threads) || threads < 1)
                throw new InvalidOperationException(
                    $"Environment variable {EnvironmentVariable}='{setting}' is not a thread count: use an integer ≥ 1, or unset it (default: processors − 1).");
            return threads;
        }
        if (!string.IsNullOrWhiteSpace(readEnvironment("OMP_NUM_THREADS")) || !string.IsNullOrWhiteSpace(readEnvironment("MKL_NUM_THREADS")))
            return null;
        return DefaultCount(processorCount);
    }

    /// <summary>Sets libtorch's thread count from <c>MLC_THREADS</c> or the default, the first time it is called in
    /// this process (later calls do nothing); returns libtorch's count after that first setting.</summary>
    /// <exception cref="InvalidOperationException"><c>MLC_THREADS</c> is not an integer ≥ 1 (raised at every call).</exception>
    public static int Configure() => Configured.Value;

    private static int Apply(Func<string, string?> readEnvironment)
    {
        if (Resolve(readEnvironment, Environment.ProcessorCount) is { } threads) torch.set_num_threads(threads);
        return torch.get_num_threads();
    }
}

using System.Runtime.InteropServices;

namespace MultiLabelContrastive.LossBenchmarks;

/// <summary>
/// Peak resident memory of one step, Linux only: free heap pages are handed back first (<c>malloc_trim(0)</c>),
/// the kernel's high-water mark is reset (<c>echo 5 &gt; /proc/self/clear_refs</c>), then the step runs and the
/// result is VmHWM − VmRSS-before. libtorch allocates CPU tensors with plain malloc (no caching allocator, so
/// no allocator statistics exist on CPU); this delta is the memory the step needed on top of what was live.
/// </summary>
public static class PeakMemory
{
    /// <summary>Whether the high-water mark can be reset on this machine (checked once).</summary>
    public static bool Available { get; } = CheckAvailable();

    /// <summary>Peak extra resident bytes while <paramref name="step"/> runs; null when not <see cref="Available"/>.</summary>
    public static long? Measure(Action step)
    {
        if (!Available)
        {
            step();
            return null;
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Trim();
        File.WriteAllText("/proc/self/clear_refs", "5");
        long before = StatusKb("VmRSS:");
        step();
        long peak = StatusKb("VmHWM:");
        return Math.Max(0, peak - before) * 1024;
    }

    /// <summary>Current resident set size in bytes.</summary>
    public static long ResidentBytes() => StatusKb("VmRSS:") * 1024;

    private static bool CheckAvailable()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return false;
            File.WriteAllText("/proc/self/clear_refs", "5");
            return StatusKb("VmHWM:") > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Trim()
    {
        try { malloc_trim(0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    private static long StatusKb(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        return 0;
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}

using System.Globalization;
using TorchSharp;

namespace MultiLabelContrastive.Devices;

/// <summary>
/// The device a run computes on, as chosen by <see cref="DeviceSelector"/>: its kind and index, the TorchSharp
/// <see cref="torch.Device"/> to move models and tensors to, why it was chosen, and a one-line description
/// for the first output of a notebook and the report's index.
/// </summary>
/// <example><code>
/// var device = DeviceSelector.Choose();          // CUDA when available, else CPU; MLC_DEVICE overrides
/// Console.WriteLine(device.Description);        // cpu (TorchSharp 0.107.0, libtorch 2.10.0, 2 threads)
/// using var x = torch.randn(4, 3, device: device.Torch);
/// </code></example>
public sealed class ComputeDevice
{
    internal ComputeDevice(DeviceKind kind, int index, int cudaDeviceCount, DeviceSource source, string reason)
    {
        if (kind == DeviceKind.Cpu && index != -1)
            throw new ArgumentOutOfRangeException(nameof(index), index, "The CPU has no device index (use -1).");
        if (kind == DeviceKind.Cuda && (index < 0 || index >= cudaDeviceCount))
            throw new ArgumentOutOfRangeException(nameof(index), index, $"CUDA index must be in [0, {cudaDeviceCount}).");
        Kind = kind;
        Index = index;
        CudaDeviceCount = cudaDeviceCount;
        Source = source;
        Reason = reason;
    }

    /// <summary>CPU or CUDA.</summary>
    public DeviceKind Kind { get; }

    /// <summary>The CUDA device ordinal (0-based); −1 for the CPU.</summary>
    public int Index { get; }

    /// <summary>
    /// The number of CUDA devices the probe reported, or −1 when it was not asked (an explicit CPU choice never
    /// touches CUDA).
    /// </summary>
    public int CudaDeviceCount { get; }

    /// <summary>Whether the choice came from an argument, from <c>MLC_DEVICE</c>, or was automatic.</summary>
    public DeviceSource Source { get; }

    /// <summary>Why this device, in words, e.g. "automatic: no CUDA device (CPU build, no GPU or no driver)".</summary>
    public string Reason { get; }

    /// <summary>Whether this is a CUDA device.</summary>
    public bool IsCuda => Kind == DeviceKind.Cuda;

    /// <summary>The device in TorchSharp's spelling: "cpu" or "cuda:N".</summary>
    public string Name => IsCuda ? "cuda:" + Index.ToString(CultureInfo.InvariantCulture) : "cpu";

    /// <summary>
    /// The TorchSharp device to pass as <c>device:</c> or to <c>.to(...)</c>. Creating it does not initialise CUDA
    /// (the first tensor placed on it does).
    /// </summary>
    public torch.Device Torch => IsCuda ? new torch.Device(DeviceType.CUDA, Index) : new torch.Device(DeviceType.CPU);

    /// <summary>
    /// One line for notebooks and the report: the device, the TorchSharp and libtorch versions and libtorch's CPU
    /// thread count, e.g. "cpu (TorchSharp 0.107.0, libtorch 2.10.0, 2 threads)" or
    /// "cuda:0 (TorchSharp 0.107.0, libtorch 2.10.0, 1 CUDA device, 16 CPU threads)". Read at each call.
    /// </summary>
    public string Description => Describe(TorchRuntime.Current());

    /// <summary>The <see cref="Description"/> line for a given runtime (no native call).</summary>
    /// <param name="runtime">The versions and thread count to print.</param>
    /// <returns>The one-line description.</returns>
    public string Describe(TorchRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var engine = $"TorchSharp {runtime.TorchSharpVersion}, libtorch {runtime.LibTorchVersion}";
        return IsCuda
            ? $"{Name} ({engine}, {Plural(CudaDeviceCount, "CUDA device")}, {Plural(runtime.Threads, "CPU thread")})"
            : $"{Name} ({engine}, {Plural(runtime.Threads, "thread")})";
    }

    /// <summary>The TorchSharp name, <see cref="Name"/>.</summary>
    /// <returns>"cpu" or "cuda:N".</returns>
    public override string ToString() => Name;

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}

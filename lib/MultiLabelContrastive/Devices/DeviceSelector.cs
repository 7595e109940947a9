using System.Globalization;

namespace MultiLabelContrastive.Devices;

/// <summary>
/// Chooses the <see cref="ComputeDevice"/> of a run: CUDA device 0 when CUDA is available, else the CPU, unless a
/// setting says otherwise. Precedence: the argument of <see cref="Select(string?)"/>, then the environment variable
/// <c>MLC_DEVICE</c>, then the automatic choice.
/// </summary>
/// <remarks>
/// <para>Accepted settings (case-insensitive, surrounding blanks ignored): <c>auto</c>, <c>cpu</c>, <c>cuda</c>
/// (= <c>cuda:0</c>) and <c>cuda:N</c> with N ≥ 0. A null or blank argument means "not given" and defers to
/// <c>MLC_DEVICE</c>; a blank <c>MLC_DEVICE</c> means "not set".</para>
/// <para>An explicit CUDA request never falls back silently: when CUDA is not available, or N is not below the
/// device count, <see cref="Select(string?)"/> throws <see cref="InvalidOperationException"/> naming the setting.
/// An explicit <c>cpu</c> never asks the probe, so no CUDA context is created.</para>
/// <para>Whether CUDA can be available at all is fixed at build time by the MSBuild property <c>TorchBackend</c>
/// (<c>cpu</c>: TorchSharp-cpu, the default; <c>cuda</c>: TorchSharp-cuda-linux). See environment.md.</para>
/// </remarks>
public sealed class DeviceSelector
{
    /// <summary>The environment variable that overrides the automatic choice: <c>MLC_DEVICE</c>.</summary>
    public const string EnvironmentVariable = "MLC_DEVICE";

    private readonly ICudaProbe _probe;
    private readonly Func<string, string?> _readEnvironment;

    /// <summary>A selector that asks libtorch (<see cref="TorchCudaProbe"/>) and reads this process's environment.</summary>
    public DeviceSelector() : this(new TorchCudaProbe(), Environment.GetEnvironmentVariable) { }

    /// <summary>A selector with an injected CUDA probe and, optionally, environment reader (for tests).</summary>
    /// <param name="probe">Tells how many CUDA devices are usable.</param>
    /// <param name="readEnvironment">Reads an environment variable by name (null: this process's environment).</param>
    /// <exception cref="ArgumentNullException"><paramref name="probe"/> is null.</exception>
    public DeviceSelector(ICudaProbe probe, Func<string, string?>? readEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        _probe = probe;
        _readEnvironment = readEnvironment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The device chosen by a default selector: shorthand for <c>new DeviceSelector().Select(requested)</c>.</summary>
    /// <param name="requested">auto, cpu, cuda or cuda:N; null or blank defers to <c>MLC_DEVICE</c>.</param>
    /// <returns>The chosen device.</returns>
    /// <exception cref="ArgumentException"><paramref name="requested"/> is not a device setting.</exception>
    /// <exception cref="InvalidOperationException"><c>MLC_DEVICE</c> is not a device setting, or CUDA was requested but is not available.</exception>
    /// <remarks>The first call also sets libtorch's CPU thread count (<see cref="TorchThreads.Configure"/>).</remarks>
    /// <exception cref="InvalidOperationException"><c>MLC_THREADS</c> is not a thread count.</exception>
    public static ComputeDevice Choose(string? requested = null)
    {
        TorchThreads.Configure();
        return new DeviceSelector().Select(requested);
    }

    /// <summary>Chooses the device: the argument if given, else <c>MLC_DEVICE</c> if set, else automatic.</summary>
    /// <param name="requested">auto, cpu, cuda or cuda:N; null or blank defers to <c>MLC_DEVICE</c>.</param>
    /// <returns>The chosen device, with its <see cref="ComputeDevice.Source"/> and <see cref="ComputeDevice.Reason"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="requested"/> is not a device setting.</exception>
    /// <exception cref="InvalidOperationException"><c>MLC_DEVICE</c> is not a device setting, or CUDA was requested
    /// (by argument or <c>MLC_DEVICE</c>) but is not available or has no device of that index.</exception>
    public ComputeDevice Select(string? requested = null)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (!TryParse(requested, out var kind, out var index))
                throw new ArgumentException(
                    $"'{requested}' is not a device: use auto, cpu, cuda or cuda:N (N ≥ 0).", nameof(requested));
            return Resolve(kind, index, DeviceSource.Argument, $"argument '{requested.Trim()}'");
        }

        var setting = _readEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(setting))
        {
            if (!TryParse(setting, out var kind, out var index))
                throw new InvalidOperationException(
                    $"Environment variable {EnvironmentVariable}='{setting}' is not a device: use auto, cpu, cuda or cuda:N (N ≥ 0), or unset it.");
            return Resolve(kind, index, DeviceSource.EnvironmentVariable, $"{EnvironmentVariable}={setting.Trim()}");
        }

        return Resolve(null, 0, DeviceSource.Automatic, "automatic");
    }

    /// <summary>kind null = auto; index is the CUDA ordinal for kind Cuda.</summary>
    private ComputeDevice Resolve(DeviceKind? kind, int index, DeviceSource source, string setting)
    {
        if (kind == DeviceKind.Cpu)
            return new ComputeDevice(DeviceKind.Cpu, -1, -1, source, $"{setting}: CPU requested");

        var count = _probe.CountDevices();
        if (count < 0)
            throw new InvalidOperationException($"The CUDA probe reported {count} devices; a count must be ≥ 0.");

        if (kind is null)
        {
            if (source == DeviceSource.Automatic && count > 0)
                return new ComputeDevice(DeviceKind.Cuda, 0, count, source, $"automatic: CUDA available ({Devices(count)})");
            if (count > 0)
                return new ComputeDevice(DeviceKind.Cuda, 0, count, source, $"{setting}: CUDA available ({Devices(count)})");
            return new ComputeDevice(DeviceKind.Cpu, -1, 0, source,
                $"{(source == DeviceSource.Automatic ? "automatic" : setting)}: no CUDA device (CPU build, no GPU or no driver)");
        }

        if (count == 0)
            throw new InvalidOperationException(
                $"CUDA was requested ({setting}) but no CUDA device is available: build with -p:TorchBackend=cuda " +
                "(TorchSharp-cuda-linux) on a machine whose NVIDIA driver works (nvidia-smi), or request cpu.");
        if (index >= count)
            throw new InvalidOperationException(
                $"CUDA device {index} was requested ({setting}) but only {Devices(count)} (0..{count - 1}).");
        return new ComputeDevice(DeviceKind.Cuda, index, count, source, $"{setting}: CUDA device {index} of {count}");
    }

    /// <summary>Parses auto | cpu | cuda | cuda:N. kind null means auto.</summary>
    internal static bool TryParse(string text, out DeviceKind? kind, out int index)
    {
        kind = null;
        index = 0;
        var s = text.Trim().ToLowerInvariant();
        switch (s)
        {
            case "auto": return true;
            case "cpu": kind = DeviceKind.Cpu; index = -1; return true;
            case "cuda": kind = DeviceKind.Cuda; return true;
        }
        if (s.StartsWith("cuda:", StringComparison.Ordinal)
            && s.Length > 5 && s[5..].All(char.IsAsciiDigit)
            && int.TryParse(s[5..], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            kind = DeviceKind.Cuda;
            return true;
        }
        index = 0;
        return false;
    }

    private static string Devices(int count) => count == 1 ? "1 device" : $"{count} devices";
}

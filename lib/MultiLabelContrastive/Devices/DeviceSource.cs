namespace MultiLabelContrastive.Devices;

/// <summary>Where the choice of a <see cref="ComputeDevice"/> came from, in order of precedence.</summary>
public enum DeviceSource
{
    /// <summary>An explicit argument to <see cref="DeviceSelector.Select(string?)"/> (e.g. a notebook parameter).</summary>
    Argument = 0,

    /// <summary>The environment variable <see cref="DeviceSelector.EnvironmentVariable"/> (<c>MLC_DEVICE</c>).</summary>
    EnvironmentVariable = 1,

    /// <summary>Neither was given (or either said <c>auto</c>): CUDA device 0 when CUDA is available, else the CPU.</summary>
    Automatic = 2,
}

using MultiLabelContrastive.Devices;

namespace MultiLabelContrastive.Tests.Devices;

/// <summary>An <see cref="ICudaProbe"/> that reports a fixed device count and counts how often it was asked.</summary>
public sealed class FakeCudaProbe(int devices) : ICudaProbe
{
    /// <summary>How many times <see cref="CountDevices"/> was called.</summary>
    public int Calls { get; private set; }

    /// <inheritdoc />
    public int CountDevices()
    {
        Calls++;
        return devices;
    }
}

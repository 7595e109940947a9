namespace MultiLabelContrastive.Devices;

/// <summary>
/// Tells how many CUDA devices this process can use. <see cref="DeviceSelector"/> asks it only when a CUDA
/// device could be chosen; tests inject a fake to exercise every choice without a GPU.
/// </summary>
public interface ICudaProbe
{
    /// <summary>The number of usable CUDA devices: 0 when CUDA is not available (CPU build, no GPU or no driver).</summary>
    /// <returns>A count ≥ 0.</returns>
    int CountDevices();
}

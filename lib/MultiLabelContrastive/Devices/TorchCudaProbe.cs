using TorchSharp;

namespace MultiLabelContrastive.Devices;

/// <summary>
/// The real <see cref="ICudaProbe"/>: asks libtorch through TorchSharp (<c>torch.cuda.is_available()</c>, then
/// <c>torch.cuda.device_count()</c>).
/// </summary>
/// <remarks>
/// With the default <c>TorchBackend=cpu</c> build (package TorchSharp-cpu) libtorch has no CUDA kernels and the
/// answer is always 0. With <c>TorchBackend=cuda</c> (TorchSharp-cuda-linux, libtorch 2.10 for CUDA 12.8, which
/// carries its own CUDA runtime and cuDNN) it is the number of GPUs the NVIDIA driver exposes to this process
/// (<c>CUDA_VISIBLE_DEVICES</c> applies); without a GPU or driver it is 0, not an error.
/// </remarks>
public sealed class TorchCudaProbe : ICudaProbe
{
    /// <inheritdoc />
    public int CountDevices() => torch.cuda.is_available() ? Math.Max(0, torch.cuda.device_count()) : 0;
}

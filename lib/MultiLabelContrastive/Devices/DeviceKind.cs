namespace MultiLabelContrastive.Devices;

/// <summary>The kinds of compute device the library runs on.</summary>
public enum DeviceKind
{
    /// <summary>The CPU (libtorch's CPU kernels, multi-threaded).</summary>
    Cpu = 0,

    /// <summary>An NVIDIA GPU through CUDA (needs the <c>TorchBackend=cuda</c> build and an NVIDIA driver).</summary>
    Cuda = 1,
}

using MultiLabelContrastive.Devices;
using TorchSharp;

namespace MultiLabelContrastive.Tests.Devices;

/// <summary>The chosen device's TorchSharp device and its one-line description.</summary>
public class ComputeDeviceTests
{
    private static readonly TorchRuntime Runtime = new("0.107.0", "2.10.0", 2);

    [Fact]
    public void Cpu_description_names_versions_and_threads()
    {
        var cpu = new ComputeDevice(DeviceKind.Cpu, -1, 0, DeviceSource.Automatic, "automatic");
        Assert.Equal("cpu (TorchSharp 0.107.0, libtorch 2.10.0, 2 threads)", cpu.Describe(Runtime));
        Assert.Equal("cpu (TorchSharp 0.107.0, libtorch 2.10.0, 1 thread)", cpu.Describe(Runtime with { Threads = 1 }));
        Assert.Equal("cpu", cpu.ToString());
    }

    [Fact]
    public void Cuda_description_names_the_device_and_device_count()
    {
        var one = new ComputeDevice(DeviceKind.Cuda, 0, 1, DeviceSource.Automatic, "automatic");
        Assert.Equal("cuda:0 (TorchSharp 0.107.0, libtorch 2.10.0, 1 CUDA device, 2 CPU threads)", one.Describe(Runtime));
        var second = new ComputeDevice(DeviceKind.Cuda, 1, 4, DeviceSource.Argument, "argument");
        Assert.Equal("cuda:1 (TorchSharp 0.107.0, libtorch 2.10.0, 4 CUDA devices, 16 CPU threads)",
            second.Describe(Runtime with { Threads = 16 }));
    }

    [Fact]
    public void Torch_device_matches_kind_and_index_without_initialising_cuda()
    {
        var cpu = new ComputeDevice(DeviceKind.Cpu, -1, 0, DeviceSource.Automatic, "automatic").Torch;
        Assert.Equal(DeviceType.CPU, cpu.type);

        var gpu = new ComputeDevice(DeviceKind.Cuda, 2, 3, DeviceSource.Argument, "argument").Torch;
        Assert.Equal(DeviceType.CUDA, gpu.type);
        Assert.Equal(2, gpu.index);
    }

    [Fact]
    public void Inconsistent_index_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeDevice(DeviceKind.Cpu, 0, 0, DeviceSource.Automatic, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeDevice(DeviceKind.Cuda, 1, 1, DeviceSource.Automatic, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeDevice(DeviceKind.Cuda, -1, 1, DeviceSource.Automatic, ""));
    }

    [Fact]
    public void Describe_rejects_null_runtime()
    {
        var cpu = new ComputeDevice(DeviceKind.Cpu, -1, 0, DeviceSource.Automatic, "automatic");
        Assert.Equal("runtime", Assert.Throws<ArgumentNullException>(() => cpu.Describe(null!)).ParamName);
    }
}

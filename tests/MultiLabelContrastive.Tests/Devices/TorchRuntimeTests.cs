using System.Text.RegularExpressions;
using MultiLabelContrastive.Devices;
using MultiLabelContrastive.Tests.Devcontainer;
using TorchSharp;

namespace MultiLabelContrastive.Tests.Devices;

/// <summary>The real runtime: versions as restored, the real CUDA probe, the description line end to end.</summary>
public class TorchRuntimeTests
{
    private static bool CpuBuild => BuildFacts.RestoredVersion("TorchSharp-cpu") is not null;

    [Fact]
    public void TorchSharp_version_is_the_central_package_version()
    {
        Assert.Equal(BuildFacts.PackageVersions()["TorchSharp"], TorchRuntime.Current().TorchSharpVersion);
    }

    [Fact]
    public void LibTorch_version_is_the_restored_native_package_version()
    {
        var native = BuildFacts.RestoredLibraries()
            .Select(l => l.Split('/'))
            .Single(p => Regex.IsMatch(p[0], @"^libtorch-(cpu|cuda-[\d.]+)-linux-x64$", RegexOptions.IgnoreCase));
        Assert.Equal(native[1], TorchRuntime.Current().LibTorchVersion);
    }

    [Fact]
    public void Threads_are_libtorch_intra_op_threads()
    {
        var runtime = TorchRuntime.Current();
        Assert.True(runtime.Threads >= 1);
        Assert.Equal(torch.get_num_threads(), runtime.Threads);
    }

    [Fact]
    public void Real_probe_agrees_with_the_build_backend()
    {
        var count = new TorchCudaProbe().CountDevices();
        Assert.True(count >= 0);
        if (CpuBuild) Assert.Equal(0, count);   // TorchSharp-cpu has no CUDA kernels
    }

    [Fact]
    public void Default_selection_on_this_build_and_its_description_line()
    {
        var device = new DeviceSelector(new TorchCudaProbe(), _ => null).Select();
        var versions = $@"TorchSharp {Regex.Escape(BuildFacts.PackageVersions()["TorchSharp"])}, libtorch \d+\.\d+\.\d+";
        if (CpuBuild)
        {
            Assert.Equal("cpu", device.Name);
            Assert.Matches($@"^cpu \({versions}, \d+ threads?\)$", device.Description);
        }
        else if (device.IsCuda)
        {
            Assert.Matches($@"^cuda:0 \({versions}, \d+ CUDA devices?, \d+ CPU threads?\)$", device.Description);
        }
        Assert.Equal(device.Describe(TorchRuntime.Current()), device.Description);
    }

    [Fact]
    public void Tensors_can_be_created_on_the_chosen_device()
    {
        var device = new DeviceSelector(new TorchCudaProbe(), _ => null).Select();
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(3, 2, device: device.Torch);
        Assert.Equal(device.Torch.type, x.device.type);
        Assert.Equal(6.0, x.sum().ToDouble());
    }
}

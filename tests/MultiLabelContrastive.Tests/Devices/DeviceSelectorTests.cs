using MultiLabelContrastive.Devices;

namespace MultiLabelContrastive.Tests.Devices;

/// <summary>The device choice, with the CUDA probe and the environment injected (no GPU needed).</summary>
public class DeviceSelectorTests
{
    private static DeviceSelector Selector(FakeCudaProbe probe, string? mlcDevice = null) =>
        new(probe, name => name == DeviceSelector.EnvironmentVariable ? mlcDevice : null);

    [Fact]
    public void Automatic_choice_is_the_cpu_when_no_cuda_device_is_available()
    {
        var probe = new FakeCudaProbe(0);
        var device = Selector(probe).Select();
        Assert.Equal(DeviceKind.Cpu, device.Kind);
        Assert.Equal("cpu", device.Name);
        Assert.Equal(-1, device.Index);
        Assert.Equal(0, device.CudaDeviceCount);
        Assert.Equal(DeviceSource.Automatic, device.Source);
        Assert.Contains("no CUDA device", device.Reason);
        Assert.Equal(1, probe.Calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Automatic_choice_is_cuda_device_0_when_cuda_is_available(int count)
    {
        var device = Selector(new FakeCudaProbe(count)).Select();
        Assert.True(device.IsCuda);
        Assert.Equal("cuda:0", device.Name);
        Assert.Equal(0, device.Index);
        Assert.Equal(count, device.CudaDeviceCount);
        Assert.Equal(DeviceSource.Automatic, device.Source);
        Assert.Contains("CUDA available", device.Reason);
    }

    [Fact]
    public void Environment_variable_cpu_wins_over_an_available_gpu_and_never_asks_the_probe()
    {
        var probe = new FakeCudaProbe(2);
        var device = Selector(probe, "cpu").Select();
        Assert.Equal(DeviceKind.Cpu, device.Kind);
        Assert.Equal(DeviceSource.EnvironmentVariable, device.Source);
        Assert.Contains("MLC_DEVICE=cpu", device.Reason);
        Assert.Equal(-1, device.CudaDeviceCount);
        Assert.Equal(0, probe.Calls);
    }

    [Theory]
    [InlineData("cuda", 0)]
    [InlineData("cuda:1", 1)]
    [InlineData(" CUDA:2 ", 2)]
    [InlineData("cuda:002", 2)]
    public void Environment_variable_selects_a_cuda_device(string setting, int index)
    {
        var device = Selector(new FakeCudaProbe(3), setting).Select();
        Assert.Equal(DeviceKind.Cuda, device.Kind);
        Assert.Equal(index, device.Index);
        Assert.Equal($"cuda:{index}", device.Name);
        Assert.Equal(DeviceSource.EnvironmentVariable, device.Source);
    }

    [Theory]
    [InlineData(0, "cpu")]
    [InlineData(2, "cuda:0")]
    public void Environment_variable_auto_is_the_automatic_choice(int count, string expected)
    {
        var device = Selector(new FakeCudaProbe(count), "auto").Select();
        Assert.Equal(expected, device.Name);
        Assert.Equal(DeviceSource.EnvironmentVariable, device.Source);
    }

    [Fact]
    public void Argument_wins_over_the_environment_variable()
    {
        var probe = new FakeCudaProbe(2);
        var device = Selector(probe, "cuda:1").Select("cpu");
        Assert.Equal(DeviceKind.Cpu, device.Kind);
        Assert.Equal(DeviceSource.Argument, device.Source);
        Assert.Equal(0, probe.Calls);

        var gpu = Selector(new FakeCudaProbe(2), "cpu").Select("cuda:1");
        Assert.Equal("cuda:1", gpu.Name);
        Assert.Equal(DeviceSource.Argument, gpu.Source);
        Assert.Contains("argument 'cuda:1'", gpu.Reason);
    }

    [Fact]
    public void Argument_auto_overrides_the_environment_variable()
    {
        var device = Selector(new FakeCudaProbe(1), "cpu").Select("auto");
        Assert.Equal("cuda:0", device.Name);
        Assert.Equal(DeviceSource.Argument, device.Source);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_argument_defers_to_the_environment_variable(string? argument)
    {
        var device = Selector(new FakeCudaProbe(2), "cpu").Select(argument);
        Assert.Equal(DeviceSource.EnvironmentVariable, device.Source);
        Assert.Equal(DeviceKind.Cpu, device.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_environment_variable_counts_as_unset(string setting)
    {
        var device = Selector(new FakeCudaProbe(0), setting).Select();
        Assert.Equal(DeviceSource.Automatic, device.Source);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    public void Explicit_cuda_without_a_cuda_device_fails_loudly_instead_of_falling_back(string setting)
    {
        var fromEnvironment = Assert.Throws<InvalidOperationException>(() => Selector(new FakeCudaProbe(0), setting).Select());
        Assert.Contains($"MLC_DEVICE={setting}", fromEnvironment.Message);
        Assert.Contains("TorchBackend=cuda", fromEnvironment.Message);

        var fromArgument = Assert.Throws<InvalidOperationException>(() => Selector(new FakeCudaProbe(0)).Select(setting));
        Assert.Contains($"argument '{setting}'", fromArgument.Message);
    }

    [Fact]
    public void Cuda_index_beyond_the_device_count_is_rejected_with_the_count()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Selector(new FakeCudaProbe(2), "cuda:2").Select());
        Assert.Contains("CUDA device 2", error.Message);
        Assert.Contains("2 devices", error.Message);
        Assert.Contains("MLC_DEVICE=cuda:2", error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:1.5")]
    [InlineData("cuda: 1")]
    [InlineData("cpu0")]
    [InlineData("cuda:99999999999")]
    [InlineData("mps")]
    public void Malformed_argument_is_an_argument_exception_naming_it(string requested)
    {
        var probe = new FakeCudaProbe(1);
        var error = Assert.Throws<ArgumentException>(() => Selector(probe).Select(requested));
        Assert.Equal("requested", error.ParamName);
        Assert.Contains($"'{requested}'", error.Message);
        Assert.Equal(0, probe.Calls);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:-3")]
    public void Malformed_environment_variable_is_rejected_naming_the_variable(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Selector(new FakeCudaProbe(1), setting).Select());
        Assert.Contains($"MLC_DEVICE='{setting}'", error.Message);
    }

    [Fact]
    public void A_negative_count_from_the_probe_is_rejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Selector(new FakeCudaProbe(-1)).Select());
        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void Null_probe_is_rejected()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new DeviceSelector(null!));
        Assert.Equal("probe", error.ParamName);
    }

    [Fact]
    public void Default_selector_reads_the_process_environment_variable_name()
    {
        Assert.Equal("MLC_DEVICE", DeviceSelector.EnvironmentVariable);
    }
}

using MultiLabelContrastive.Devices;
using TorchSharp;

namespace MultiLabelContrastive.Tests.Devices;

/// <summary>The libtorch thread count: processors − 1 by default, MLC_THREADS when set (validated), libtorch's own when
/// only OMP_NUM_THREADS/MKL_NUM_THREADS is set.</summary>
public class TorchThreadsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(16, 15)]
    public void TheDefaultLeavesOneCoreFree(int processors, int expected)
    {
        Assert.Equal(expected, TorchThreads.DefaultCount(processors));
        Assert.Equal(expected, TorchThreads.Resolve(Environment(), processors));
        Assert.Equal(expected, TorchThreads.Resolve(Environment(("MLC_THREADS", "  ")), processors));
    }

    [Fact]
    public void MlcThreadsWinsOverTheDefaultAndOverOmpNumThreads()
    {
        Assert.Equal(3, TorchThreads.Resolve(Environment(("MLC_THREADS", "3")), 2));
        Assert.Equal(4, TorchThreads.Resolve(Environment(("MLC_THREADS", " 4 "), ("OMP_NUM_THREADS", "1")), 2));
        Assert.Null(TorchThreads.Resolve(Environment(("OMP_NUM_THREADS", "2")), 8));
        Assert.Null(TorchThreads.Resolve(Environment(("MKL_NUM_THREADS", "2")), 8));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    [InlineData("+2")]
    public void ABadMlcThreadsIsRefusedByName(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TorchThreads.Resolve(Environment(("MLC_THREADS", setting)), 4));
        Assert.Contains($"MLC_THREADS='{setting}'", error.Message);
        Assert.Contains("integer ≥ 1", error.Message);
    }

    [Fact]
    public void ConfigureSetsLibtorchOnceAtLibraryStart()
    {
        var expected = TorchThreads.Resolve(System.Environment.GetEnvironmentVariable, System.Environment.ProcessorCount);
        var configured = TorchThreads.Configure();
        if (expected is { } threads) Assert.Equal(threads, configured);
        Assert.Equal(configured, TorchThreads.Configure()); // once: a second call changes nothing
        var before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(before == 1 ? 2 : 1);
            TorchThreads.Configure();
            Assert.NotEqual(before, torch.get_num_threads()); // a later explicit setting stands
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}

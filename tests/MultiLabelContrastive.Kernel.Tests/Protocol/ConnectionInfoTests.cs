using System.Text.Json.Nodes;
using MultiLabelContrastive.Kernel.Protocol;

namespace MultiLabelContrastive.Kernel.Tests.Protocol;

public sealed class ConnectionInfoTests
{
    private static JsonObject Valid() => new()
    {
        ["shell_port"] = 50001, ["iopub_port"] = 50002, ["stdin_port"] = 50003, ["control_port"] = 50004, ["hb_port"] = 50005,
        ["ip"] = "127.0.0.1", ["key"] = "secret", ["transport"] = "tcp", ["signature_scheme"] = "hmac-sha256", ["kernel_name"] = "mlc-csharp",
    };

    [Fact]
    public void Reads_every_field_of_a_jupyter_connection_file()
    {
        var info = ConnectionInfo.Parse(Valid(), "test");
        Assert.Equal((50001, 50002, 50003, 50004, 50005), (info.ShellPort, info.IoPubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort));
        Assert.Equal("secret", info.Key);
        Assert.Equal("tcp://127.0.0.1:50001", info.Endpoint(info.ShellPort));
    }

    [Fact]
    public void Saved_file_reads_back_equal()
    {
        var path = Path.GetTempFileName();
        try
        {
            var info = ConnectionInfo.Parse(Valid(), "test").WithPorts(1, 2, 3, 4, 5);
            info.Save(path);
            Assert.Equal(info, ConnectionInfo.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("hb_port", null, "\"hb_port\" is missing")]
    [InlineData("shell_port", 70000, "\"shell_port\" must be a port number")]
    [InlineData("transport", "ipc", "transport \"ipc\" is not supported")]
    [InlineData("signature_scheme", "hmac-md5", "signature_scheme \"hmac-md5\" is not supported")]
    public void Bad_fields_are_named(string field, object? value, string expected)
    {
        var json = Valid();
        json[field] = value switch { null => null, int i => i, string s => s, _ => throw new ArgumentException("value") };
        if (value is null)
        {
            json.Remove(field);
        }

        var e = Assert.Throws<ArgumentException>(() => ConnectionInfo.Parse(json, "kernel-1.json"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("kernel-1.json", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused_with_its_path()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "shell_port=1");
            var e = Assert.Throws<ArgumentException>(() => ConnectionInfo.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Net;
using Parley.Client;

namespace Parley.Tests.Client;

public sealed class RpcAddressTests
{
    [Theory]
    [InlineData("tcp://127.0.0.1:5050", "127.0.0.1:5050")]
    [InlineData("tcp://[::1]:6000", "[::1]:6000")]
    [InlineData("tcp://127.0.0.1:5050/", "127.0.0.1:5050")]
    public void Parse_IpAddress_ReturnsIpEndPoint(string address, string expected)
    {
        var endPoint = RpcAddress.Parse(address);

        Assert.Equal(IPEndPoint.Parse(expected), endPoint);
    }

    [Fact]
    public void Parse_HostName_ReturnsDnsEndPoint()
    {
        var endPoint = Assert.IsType<DnsEndPoint>(RpcAddress.Parse("tcp://calc.internal:5050"));

        Assert.Equal(("calc.internal", 5050), (endPoint.Host, endPoint.Port));
    }

    [Theory]
    [InlineData("127.0.0.1:5050")]
    [InlineData("http://127.0.0.1:5050")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("tcp://127.0.0.1:5050/path")]
    public void Parse_NotATcpAddress_ThrowsFormatException(string address)
    {
        var error = Assert.Throws<FormatException>(() => RpcAddress.Parse(address));

        Assert.Contains("tcp://host:port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOption_ThrowsNamingIt()
    {
        var options = new RpcClientOptions { MaxPendingCalls = 0 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RpcClient(new IPEndPoint(IPAddress.Loopback, 1), options));

        Assert.Contains("MaxPendingCalls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeTimeout_ThrowsNamingIt()
    {
        var options = new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RpcClient(new IPEndPoint(IPAddress.Loopback, 1), options));

        Assert.Contains("DefaultTimeout", error.Message, StringComparison.Ordinal);
    }
}

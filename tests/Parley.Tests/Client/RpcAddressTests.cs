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

    [Theory]
    [InlineData("registry://calculator", "calculator")]
    [InlineData("registry://calculator/", "calculator")]
    [InlineData("REGISTRY://billing-v2", "billing-v2")]
    public void Parse_RegistryAddress_ReturnsServiceEndPoint(string address, string service)
    {
        var endPoint = Assert.IsType<Parley.Discovery.ServiceEndPoint>(RpcAddress.Parse(address));

        Assert.Equal(service, endPoint.Service);
        Assert.Equal("registry://" + service, endPoint.ToString());
    }

    [Theory]
    [InlineData("registry://")]
    [InlineData("registry://a/b")]
    [InlineData("registry://a b")]
    public void Parse_RegistryAddressWithoutAServiceName_ThrowsFormatException(string address)
    {
        var error = Assert.Throws<FormatException>(() => RpcAddress.Parse(address));

        Assert.Contains("registry://service-name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ConnectionPool.MaxConnections")]
    [InlineData("ConnectionPool.MinConnections")]
    [InlineData("Retry.MaxAttempts")]
    [InlineData("Retry.BudgetRatio")]
    [InlineData("HealthChecks.MaxEjectionTime")]
    [InlineData("CircuitBreaker.FailureRatio")]
    [InlineData("Hedging.MaxAttempts")]
    public void Constructor_InvalidClusterOption_ThrowsNamingIt(string setting)
    {
        var options = new RpcClientOptions { Registry = new Parley.Discovery.InMemoryRegistry() };
        var cluster = options.Cluster;
        switch (setting)
        {
            case "ConnectionPool.MaxConnections": cluster.ConnectionPool.MaxConnections = 0; break;
            case "ConnectionPool.MinConnections": cluster.ConnectionPool.MinConnections = 5; break;
            case "Retry.MaxAttempts": cluster.Retry.MaxAttempts = 0; break;
            case "Retry.BudgetRatio": cluster.Retry.BudgetRatio = double.NaN; break;
            case "HealthChecks.MaxEjectionTime": cluster.HealthChecks.MaxEjectionTime = TimeSpan.FromMilliseconds(10); break;
            case "CircuitBreaker.FailureRatio": cluster.CircuitBreaker!.FailureRatio = 0; break;
            case "Hedging.MaxAttempts": cluster.Hedging = new Parley.Cluster.HedgingOptions { MaxAttempts = 1 }; break;
        }

        var error = Assert.ThrowsAny<ArgumentException>(() => RpcClient.Create("registry://calculator", options));

        Assert.Contains(setting.Split('.')[1], error.Message, StringComparison.Ordinal);
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

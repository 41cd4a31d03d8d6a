using Parley.Client;
using Parley.Configuration;
using Parley.Server;

namespace Parley.Tests.Configuration;

public sealed class PresetTests
{
    [Fact]
    public void ApplyPreset_Production_EqualsTheDocumentedServerDefaults()
    {
        var defaults = new RpcServerOptions();

        var production = new RpcServerOptions().ApplyPreset(ParleyPreset.Development).ApplyPreset(ParleyPreset.Production);

        Assert.Equal(ServerValues(defaults), ServerValues(production));
    }

    [Fact]
    public void ApplyPreset_Production_EqualsTheDocumentedClientDefaults()
    {
        var defaults = new RpcClientOptions();

        var production = new RpcClientOptions().ApplyPreset(ParleyPreset.Testing).ApplyPreset(ParleyPreset.Production);

        Assert.Equal(ClientValues(defaults), ClientValues(production));
    }

    [Fact]
    public void ApplyPreset_Development_SendsDetailsAndShortensServerWaits()
    {
        var options = new RpcServerOptions().ApplyPreset(ParleyPreset.Development);

        Assert.True(options.IncludeExceptionDetails);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.DrainTimeout);
    }

    [Fact]
    public void ApplyPreset_Testing_MakesEveryServerWaitShort()
    {
        var options = new RpcServerOptions().ApplyPreset(ParleyPreset.Testing);

        Assert.True(options.IncludeExceptionDetails);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.DrainTimeout);
    }

    [Fact]
    public void ApplyPreset_Testing_MakesEveryClientWaitShort()
    {
        var options = new RpcClientOptions().ApplyPreset(ParleyPreset.Testing);

        Assert.Equal(TimeSpan.FromSeconds(5), options.DefaultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.ReconnectInitialBackoff);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.ReconnectMaxBackoff);
    }

    [Fact]
    public void ApplyPreset_Development_ShortensClientWaits()
    {
        var options = new RpcClientOptions().ApplyPreset(ParleyPreset.Development);

        Assert.Equal(TimeSpan.FromSeconds(15), options.DefaultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.ReconnectInitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ReconnectMaxBackoff);
    }

    [Theory]
    [InlineData(ParleyPreset.Production)]
    [InlineData(ParleyPreset.Development)]
    [InlineData(ParleyPreset.Testing)]
    public void ApplyPreset_AnyPreset_LeavesCapacityLimitsAndIdleTimeoutAlone(ParleyPreset preset)
    {
        var server = new RpcServerOptions { MaxConnections = 7, MaxConcurrentCallsPerConnection = 9, IdleTimeout = TimeSpan.FromSeconds(3) };
        server.Limits.MaxPayloadBytes = 2048;
        var client = new RpcClientOptions { MaxPendingCalls = 11 };
        client.Limits.MaxMetadataEntries = 8;

        server.ApplyPreset(preset);
        client.ApplyPreset(preset);

        Assert.Equal((7, 9, TimeSpan.FromSeconds(3), 2048), (server.MaxConnections, server.MaxConcurrentCallsPerConnection, server.IdleTimeout, server.Limits.MaxPayloadBytes));
        Assert.Equal((11, 8), (client.MaxPendingCalls, client.Limits.MaxMetadataEntries));
    }

    [Theory]
    [InlineData(ParleyPreset.Production)]
    [InlineData(ParleyPreset.Development)]
    [InlineData(ParleyPreset.Testing)]
    public void ApplyPreset_AnyPreset_ProducesValidOptions(ParleyPreset preset)
    {
        var server = new RpcServerOptions().ApplyPreset(preset);
        var client = new RpcClientOptions().ApplyPreset(preset);

        server.Validate();
        client.Validate();
    }

    [Fact]
    public void ApplyPreset_UndefinedValue_Throws()
    {
        var options = new RpcServerOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.ApplyPreset((ParleyPreset)42));
    }

    private static object ServerValues(RpcServerOptions o) =>
        (o.HandshakeTimeout, o.IdleTimeout, o.KeepAliveInterval, o.KeepAliveTimeout, o.DrainTimeout, o.IncludeExceptionDetails,
            o.MaxConnections, o.MaxConcurrentCallsPerConnection);

    private static object ClientValues(RpcClientOptions o) =>
        (o.DefaultTimeout, o.ConnectTimeout, o.HandshakeTimeout, o.KeepAliveInterval, o.KeepAliveTimeout, o.ReconnectInitialBackoff,
            o.ReconnectMaxBackoff, o.MaxPendingCalls);
}

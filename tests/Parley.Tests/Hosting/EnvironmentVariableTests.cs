using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Client;
using Parley.Configuration;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Hosting;

[Collection(EnvironmentVariablesCollection.Name)]
public sealed class EnvironmentVariableTests
{
    [Fact]
    public void AddParleyEnvironmentVariables_DocumentedNames_BecomeKeysUnderTheParleySection()
    {
        using var variables = new EnvironmentVariables()
            .Set("PARLEY_SERVER__MAXCONNECTIONS", "100")
            .Set("PARLEY_SERVER__LIMITS__MAXPAYLOADBYTES", "65536")
            .Set("PARLEY_CLIENT__DEFAULTTIMEOUT", "00:00:05")
            .Set("parley_client__preset", "Testing");

        var configuration = new ConfigurationBuilder().AddParleyEnvironmentVariables().Build();

        Assert.Equal("100", configuration["Parley:Server:MaxConnections"]);
        Assert.Equal("65536", configuration["Parley:Server:Limits:MaxPayloadBytes"]);
        Assert.Equal("00:00:05", configuration["Parley:Client:DefaultTimeout"]);
        Assert.Equal("Testing", configuration["Parley:Client:Preset"]);
    }

    [Fact]
    public void Bind_EnvironmentVariables_SetTheOptions()
    {
        using var variables = new EnvironmentVariables()
            .Set("PARLEY_SERVER__PRESET", "Development")
            .Set("PARLEY_SERVER__MAXCONNECTIONS", "100")
            .Set("PARLEY_SERVER__LIMITS__MAXMETADATAENTRIES", "16")
            .Set("PARLEY_CLIENT__DEFAULTTIMEOUT", "00:00:05")
            .Set("PARLEY_CLIENT__KEEPALIVEINTERVAL", "Infinite");
        var configuration = new ConfigurationBuilder().AddParleyEnvironmentVariables().Build();

        var server = new RpcServerOptions().Bind(configuration.GetSection(ParleyConfiguration.ServerSection));
        var client = new RpcClientOptions().Bind(configuration.GetSection(ParleyConfiguration.ClientSection));

        Assert.True(server.IncludeExceptionDetails);
        Assert.Equal(100, server.MaxConnections);
        Assert.Equal(16, server.Limits.MaxMetadataEntries);
        Assert.Equal(TimeSpan.FromSeconds(5), client.DefaultTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.KeepAliveInterval);
    }

    [Fact]
    public void AddParleyEnvironmentVariables_AddedAfterAFile_OverridesItsValues()
    {
        using var variables = new EnvironmentVariables().Set("PARLEY_SERVER__DRAINTIMEOUT", "00:00:03");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Parley:Server:DrainTimeout"] = "00:00:30",
                ["Parley:Server:MaxConnections"] = "50",
            })
            .AddParleyEnvironmentVariables()
            .Build();

        var options = new RpcServerOptions().Bind(configuration.GetSection(ParleyConfiguration.ServerSection));

        Assert.Equal(TimeSpan.FromSeconds(3), options.DrainTimeout);
        Assert.Equal(50, options.MaxConnections);
    }

    [Fact]
    public void AddParleyEnvironmentVariables_VariablesWithoutThePrefix_AreIgnored()
    {
        using var variables = new EnvironmentVariables().Set("PARLEYX_SERVER__MAXCONNECTIONS", "7").Set("SERVER__MAXCONNECTIONS", "8");

        var configuration = new ConfigurationBuilder().AddParleyEnvironmentVariables().Build();

        Assert.Null(configuration["Parley:Server:MaxConnections"]);
        Assert.DoesNotContain(configuration.AsEnumerable(), e => !e.Key.StartsWith("Parley", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Bind_InvalidEnvironmentVariable_ErrorNamesTheVariable()
    {
        using var variables = new EnvironmentVariables().Set("PARLEY_CLIENT__CONNECTTIMEOUT", "fast");
        var configuration = new ConfigurationBuilder().AddParleyEnvironmentVariables().Build();

        var error = Assert.Throws<RpcConfigurationException>(
            () => new RpcClientOptions().Bind(configuration.GetSection(ParleyConfiguration.ClientSection)));

        Assert.Equal("Parley:Client:ConnectTimeout", error.Key, ignoreCase: true);
        Assert.Contains("PARLEY_CLIENT__CONNECTTIMEOUT", error.Message, StringComparison.Ordinal);
        Assert.Contains("'fast' is not a time span", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddParleyServer_HostWithEnvironmentVariables_ServesWithTheirSettings()
    {
        using var variables = new EnvironmentVariables().Set("PARLEY_SERVER__INCLUDEEXCEPTIONDETAILS", "true");
        var builder = TestHost.CreateBuilder();
        builder.Configuration.AddParleyEnvironmentVariables();
        builder.Services.AddParleyServer(builder.Configuration, server => server
            .AddService<ITestService, TestService>()
            .ListenTcp(IPAddress.Loopback, 0));
        await using var host = await TestHost.StartAsync(builder);
        await using var client = new RpcClient(host.Server.EndPoints[0]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Throw", ["boom"])).DefaultTimeout();

        Assert.Contains("System.InvalidOperationException: boom", error.Detail, StringComparison.Ordinal);
    }
}

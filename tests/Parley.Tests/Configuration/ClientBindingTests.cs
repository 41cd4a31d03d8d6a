using Microsoft.Extensions.Configuration;
using Parley.Client;
using Parley.Configuration;

namespace Parley.Tests.Configuration;

public sealed class ClientBindingTests
{
    [Fact]
    public void Bind_EveryKey_SetsEveryScalarOption()
    {
        var section = Section(new()
        {
            ["DefaultTimeout"] = "00:00:05",
            ["ConnectTimeout"] = "00:00:01",
            ["MaxPendingCalls"] = "64",
            ["KeepAliveInterval"] = "Infinite",
            ["KeepAliveTimeout"] = "00:00:03",
            ["HandshakeTimeout"] = "00:00:04",
            ["ReconnectInitialBackoff"] = "00:00:00.020",
            ["ReconnectMaxBackoff"] = "00:00:02",
            ["Limits:MaxPayloadBytes"] = "2048",
            ["Limits:MaxMetadataBytes"] = "512",
            ["Limits:MaxMetadataEntries"] = "8",
        });

        var options = new RpcClientOptions().Bind(section);

        Assert.Equal(TimeSpan.FromSeconds(5), options.DefaultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ConnectTimeout);
        Assert.Equal(64, options.MaxPendingCalls);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), options.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(20), options.ReconnectInitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ReconnectMaxBackoff);
        Assert.Equal((2048, 512, 8), (options.Limits.MaxPayloadBytes, options.Limits.MaxMetadataBytes, options.Limits.MaxMetadataEntries));
    }

    [Fact]
    public void ConfigurationKeys_EveryPublicScalarOption_HasAKey()
    {
        var scalars = typeof(RpcClientOptions).GetProperties()
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && (p.PropertyType == typeof(int) || p.PropertyType == typeof(bool) || p.PropertyType == typeof(TimeSpan)))
            .Select(p => p.Name)
            .Concat(["Limits:MaxPayloadBytes", "Limits:MaxMetadataBytes", "Limits:MaxMetadataEntries", "Limits:StreamWindowBytes",
                "Limits:ConnectionWindowBytes"]);

        Assert.Equal(scalars.Order(), RpcClientOptionsExtensions.ConfigurationKeys.Order());
    }

    [Fact]
    public void Bind_PresetAndAddress_AppliesPresetAndLeavesAddressToHosting()
    {
        var section = Section(new() { ["Preset"] = "Testing", ["Address"] = "tcp://127.0.0.1:5050", ["ConnectTimeout"] = "00:00:03" });

        var options = new RpcClientOptions().Bind(section);

        Assert.Equal(TimeSpan.FromSeconds(5), options.DefaultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ConnectTimeout);
    }

    [Theory]
    [InlineData("DefaultTimeout", "0", "Parley:Client:DefaultTimeout", "not a time span")]
    [InlineData("DefaultTimeout", "00:00:00", "Parley:Client:DefaultTimeout", "positive or Timeout.InfiniteTimeSpan")]
    [InlineData("MaxPendingCalls", "2000000", "Parley:Client:MaxPendingCalls", "between 1 and 1000000")]
    [InlineData("MaxPendingCalls", "1.5", "Parley:Client:MaxPendingCalls", "not a whole number")]
    [InlineData("ReconnectMaxBackoff", "-00:00:01", "Parley:Client:ReconnectMaxBackoff", "must be positive")]
    [InlineData("Codec", "msgpack", "Parley:Client:Codec", "set it in code")]
    [InlineData("Middleware:0", "logging", "Parley:Client:Middleware", "set it in code")]
    [InlineData("Retries", "3", "Parley:Client:Retries", "not a Parley client setting")]
    public void Bind_InvalidValue_ThrowsNamingTheKey(string key, string value, string expectedKey, string expectedProblem)
    {
        var section = Section(new() { [key] = value });

        var error = Assert.Throws<RpcConfigurationException>(() => new RpcClientOptions().Bind(section));

        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(expectedProblem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_OutOfRangeValue_MessageNamesKeyAndEnvironmentVariable()
    {
        var error = Assert.Throws<RpcConfigurationException>(() => new RpcClientOptions().Bind(Section(new() { ["ConnectTimeout"] = "-00:00:01" })));

        Assert.StartsWith(
            "Invalid Parley configuration at 'Parley:Client:ConnectTimeout' (environment variable PARLEY_CLIENT__CONNECTTIMEOUT): ",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariableFor_KeyOutsideParley_IsNull()
    {
        Assert.Null(ParleyConfiguration.EnvironmentVariableFor("Other:Client:ConnectTimeout"));
        Assert.Equal("PARLEY_CLIENT__CONNECTTIMEOUT", ParleyConfiguration.EnvironmentVariableFor("Parley:Client:ConnectTimeout"));
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(ParleyConfiguration.ClientSection + ":" + v.Key, v.Value)))
            .Build()
            .GetSection(ParleyConfiguration.ClientSection);
}

using Microsoft.Extensions.Configuration;
using Parley.Configuration;
using Parley.Server;

namespace Parley.Tests.Configuration;

public sealed class ServerBindingTests
{
    [Fact]
    public void Bind_EveryKey_SetsEveryScalarOption()
    {
        var section = Section(new()
        {
            ["MaxConcurrentCallsPerConnection"] = "100",
            ["MaxConnections"] = "200",
            ["HandshakeTimeout"] = "00:00:03",
            ["IdleTimeout"] = "00:05:00",
            ["KeepAliveInterval"] = "00:00:20",
            ["KeepAliveTimeout"] = "00:00:04",
            ["DrainTimeout"] = "00:00:00.250",
            ["IncludeExceptionDetails"] = "true",
            ["Limits:MaxPayloadBytes"] = "65536",
            ["Limits:MaxMetadataBytes"] = "4096",
            ["Limits:MaxMetadataEntries"] = "32",
        });

        var options = new RpcServerOptions().Bind(section);

        Assert.Equal(100, options.MaxConcurrentCallsPerConnection);
        Assert.Equal(200, options.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(3), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), options.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.DrainTimeout);
        Assert.True(options.IncludeExceptionDetails);
        Assert.Equal((65536, 4096, 32), (options.Limits.MaxPayloadBytes, options.Limits.MaxMetadataBytes, options.Limits.MaxMetadataEntries));
    }

    [Fact]
    public void ConfigurationKeys_EveryPublicScalarOption_HasAKey()
    {
        var scalars = typeof(RpcServerOptions).GetProperties()
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && (p.PropertyType == typeof(int) || p.PropertyType == typeof(bool) || p.PropertyType == typeof(TimeSpan)))
            .Select(p => p.Name)
            .Concat(["Limits:MaxPayloadBytes", "Limits:MaxMetadataBytes", "Limits:MaxMetadataEntries", "Limits:StreamWindowBytes",
                "Limits:ConnectionWindowBytes"]);

        Assert.Equal(scalars.Order(), RpcServerOptionsExtensions.ConfigurationKeys.Order());
    }

    [Fact]
    public void Bind_PresetWithOverride_AppliesPresetFirstThenTheValue()
    {
        var section = Section(new() { ["DrainTimeout"] = "00:00:07", ["Preset"] = "Testing" });

        var options = new RpcServerOptions().Bind(section);

        Assert.Equal(TimeSpan.FromSeconds(7), options.DrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.KeepAliveInterval);
        Assert.True(options.IncludeExceptionDetails);
    }

    [Fact]
    public void Bind_UpperCaseKeysAndPreset_AreMatched()
    {
        var section = Section(new() { ["MAXCONNECTIONS"] = "5", ["PRESET"] = "development", ["LIMITS:MAXMETADATAENTRIES"] = "16" });

        var options = new RpcServerOptions().Bind(section);

        Assert.Equal(5, options.MaxConnections);
        Assert.Equal(16, options.Limits.MaxMetadataEntries);
        Assert.True(options.IncludeExceptionDetails);
    }

    [Fact]
    public void Bind_InfiniteIdleTimeout_TurnsIdleClosingOff()
    {
        var options = new RpcServerOptions().Bind(Section(new() { ["IdleTimeout"] = "Infinite" }));

        Assert.Equal(Timeout.InfiniteTimeSpan, options.IdleTimeout);
    }

    [Fact]
    public void Bind_MissingSection_LeavesEveryValueAsItWas()
    {
        var configuration = new ConfigurationBuilder().Build();
        var options = new RpcServerOptions { MaxConnections = 3 };

        options.Bind(configuration.GetSection(ParleyConfiguration.ServerSection));

        Assert.Equal(3, options.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(10), options.DrainTimeout);
    }

    [Theory]
    [InlineData("MaxConnections", "many", "Parley:Server:MaxConnections", "not a whole number")]
    [InlineData("MaxConnections", "0", "Parley:Server:MaxConnections", "between 1 and 1000000")]
    [InlineData("DrainTimeout", "5", "Parley:Server:DrainTimeout", "not a time span")]
    [InlineData("DrainTimeout", "soon", "Parley:Server:DrainTimeout", "not a time span")]
    [InlineData("DrainTimeout", "-00:00:01", "Parley:Server:DrainTimeout", "must be positive")]
    [InlineData("KeepAliveTimeout", "Infinite", "Parley:Server:KeepAliveTimeout", "must be positive")]
    [InlineData("IncludeExceptionDetails", "yes", "Parley:Server:IncludeExceptionDetails", "not true or false")]
    [InlineData("Limits:MaxPayloadBytes", "10", "Parley:Server:Limits:MaxPayloadBytes", "between 1024 and")]
    [InlineData("Preset", "Staging", "Parley:Server:Preset", "Production, Development, Testing")]
    [InlineData("Preset", "1", "Parley:Server:Preset", "not a preset")]
    [InlineData("MaxConections", "5", "Parley:Server:MaxConections", "not a Parley server setting")]
    [InlineData("Limits:MaxFrames", "5", "Parley:Server:Limits:MaxFrames", "not a limit")]
    [InlineData("Limits", "5", "Parley:Server:Limits", "Limits is a section")]
    [InlineData("Codecs:0", "json", "Parley:Server:Codecs", "set it in code")]
    [InlineData("LoggerFactory", "console", "Parley:Server:LoggerFactory", "set it in code")]
    [InlineData("MaxConnections", "", "Parley:Server:MaxConnections", "empty")]
    public void Bind_InvalidValue_ThrowsNamingTheKey(string key, string value, string expectedKey, string expectedProblem)
    {
        var section = Section(new() { [key] = value });

        var error = Assert.Throws<RpcConfigurationException>(() => new RpcServerOptions().Bind(section));

        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(expectedKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(expectedProblem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_InvalidValue_MessageNamesTheEnvironmentVariableToo()
    {
        var section = Section(new() { ["Limits:MaxMetadataEntries"] = "1" });

        var error = Assert.Throws<RpcConfigurationException>(() => new RpcServerOptions().Bind(section));

        Assert.Contains("PARLEY_SERVER__LIMITS__MAXMETADATAENTRIES", error.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void Bind_InvalidValueSetInCode_ThrowsTheOptionsOwnError()
    {
        var options = new RpcServerOptions { MaxConnections = 0 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Bind(Section(new() { ["DrainTimeout"] = "00:00:01" })));

        Assert.Equal("MaxConnections", error.ParamName);
    }

    [Fact]
    public void Configure_BuilderBoundFromInvalidSection_ThrowsNamingTheKey()
    {
        var section = Section(new() { ["MaxConnections"] = "0" });
        var builder = new RpcServerBuilder();

        var error = Assert.Throws<RpcConfigurationException>(() => builder.Configure(options => options.Bind(section)));

        Assert.Equal("Parley:Server:MaxConnections", error.Key);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(ParleyConfiguration.ServerSection + ":" + v.Key, v.Value)))
            .Build()
            .GetSection(ParleyConfiguration.ServerSection);
}

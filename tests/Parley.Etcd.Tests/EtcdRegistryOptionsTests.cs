namespace Parley.Etcd.Tests;

public sealed class EtcdRegistryOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndAsDocumented()
    {
        var options = new EtcdRegistryOptions();

        options.Validate();
        Assert.Equal([new Uri("http://127.0.0.1:2379")], options.Endpoints);
        Assert.Equal("/parley/services/", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseTtl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.RetryInitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RetryMaxBackoff);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WatchCheckInterval);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.HttpMessageHandler);
    }

    public static TheoryData<string, Action<EtcdRegistryOptions>> InvalidSettings => new()
    {
        { "Endpoints", o => o.Endpoints = [] },
        { "Endpoints", o => o.Endpoints = [new Uri("tcp://127.0.0.1:2379")] },
        { "Endpoints", o => o.Endpoints = [new Uri("/relative", UriKind.Relative)] },
        { "KeyPrefix", o => o.KeyPrefix = "" },
        { "LeaseTtl", o => o.LeaseTtl = TimeSpan.FromSeconds(1) },
        { "LeaseTtl", o => o.LeaseTtl = TimeSpan.FromMilliseconds(2500) },
        { "RequestTimeout", o => o.RequestTimeout = TimeSpan.Zero },
        { "RetryInitialBackoff", o => o.RetryInitialBackoff = TimeSpan.FromSeconds(-1) },
        { "RetryMaxBackoff", o => o.RetryMaxBackoff = TimeSpan.FromMilliseconds(100) },
        { "WatchCheckInterval", o => o.WatchCheckInterval = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_NamesTheInvalidSetting(string setting, Action<EtcdRegistryOptions> spoil)
    {
        var options = new EtcdRegistryOptions();
        spoil(options);

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new EtcdRegistry(options));
    }

    [Fact]
    public void WatchCheckInterval_CanBeTurnedOff()
    {
        new EtcdRegistryOptions { WatchCheckInterval = Timeout.InfiniteTimeSpan }.Validate();
    }
}

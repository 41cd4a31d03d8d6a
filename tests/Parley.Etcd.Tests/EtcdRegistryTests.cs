using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Discovery;
using Parley.Etcd.Tests.TestSupport;
using Parley.Tests.TestSupport;
using static Parley.Etcd.Tests.TestSupport.TestRegistries;

namespace Parley.Etcd.Tests;

/// <summary>Registration, resolution and watching against a real etcd that stays up.</summary>
public sealed class EtcdRegistryTests(SharedEtcd etcd) : IClassFixture<SharedEtcd>
{
    private readonly string _service = NewService();

    [Fact]
    public async Task Register_ThenResolveAndWatch_SeeTheInstance_WithAllItsDetails()
    {
        await using var registry = Create(etcd.Server);
        var instance = new ServiceInstance(_service, "a", new IPEndPoint(IPAddress.IPv6Loopback, 5050))
        {
            Weight = 150,
            Metadata = new Dictionary<string, string> { ["zone"] = "z1", ["version"] = "2.1" },
            Health = InstanceHealth.Draining,
        };

        await using var registration = await registry.RegisterAsync(instance).DefaultTimeout();
        var resolved = await registry.ResolveAsync(_service).DefaultTimeout();
        await using var watch = WatchRecorder.Start(registry, _service);
        var watched = await watch.WaitForIdsAsync(["a"]);

        Assert.Equal(instance, Assert.Single(resolved.Instances));
        Assert.Equal(instance, Assert.Single(watched.Instances));
        Assert.True(resolved.Revision > 0);
    }

    [Fact]
    public async Task Register_StoresItsOwnJsonDocument_UnderPrefixServiceId()
    {
        await using var registry = Create(etcd.Server);
        await using var registration = await registry.RegisterAsync(
            new ServiceInstance(_service, "a", new IPEndPoint(IPAddress.IPv6Loopback, 5050))
            {
                Metadata = new Dictionary<string, string> { ["zone"] = "z1" },
            }).DefaultTimeout();

        var key = Encoding.UTF8.GetBytes($"/parley/services/{_service}/a");
        var stored = Assert.Single((await registry.Gateway.RangeAsync(key, default).DefaultTimeout()).Kvs!);

        Assert.Equal(key, stored.Key);
        Assert.NotEqual(0, stored.Lease);
        using var document = JsonDocument.Parse(stored.Value);
        Assert.Equal("[::1]:5050", document.RootElement.GetProperty("address").GetString());
        Assert.Equal(100, document.RootElement.GetProperty("weight").GetInt32());
        Assert.Equal("z1", document.RootElement.GetProperty("metadata").GetProperty("zone").GetString());
        Assert.Equal("healthy", document.RootElement.GetProperty("health").GetString());
    }

    [Fact]
    public async Task DisposingTheRegistration_RemovesTheInstance_ForResolveAndWatchers()
    {
        await using var scene = await WatchedService.StartAsync(Options(etcd.Server), Options(etcd.Server), _service, "a", "b");
        var before = scene.Watch.Latest!;

        await scene["b"].DisposeAsync().DefaultTimeout();

        var after = await scene.Watch.WaitForIdsAsync(["a"]);
        Assert.True(after.Revision > before.Revision);
        Assert.Equal(["a"], await scene.ResolveIdsAsync());
    }

    [Fact]
    public async Task RegisteringTheSameIdFromAnotherProcess_Replaces_AndDisposingTheFirstLeavesTheReplacement()
    {
        await using var first = Create(etcd.Server);
        await using var second = Create(etcd.Server);
        await using var watcher = Create(etcd.Server);
        var healthy = await first.RegisterAsync(Instance(_service, "a")).DefaultTimeout();
        await using var watch = WatchRecorder.Start(watcher, _service);
        await watch.WaitForAsync(s => s.Instances is [{ Health: InstanceHealth.Healthy }], "the watcher sees a healthy");

        var draining = await second.RegisterAsync(Instance(_service, "a") with { Health = InstanceHealth.Draining }).DefaultTimeout();
        await watch.WaitForAsync(s => s.Instances is [{ Health: InstanceHealth.Draining }], "the watcher sees a draining");

        await healthy.DisposeAsync().DefaultTimeout(); // the replacement holds the key now: it stays
        Assert.Equal(InstanceHealth.Draining, Assert.Single((await watcher.ResolveAsync(_service).DefaultTimeout()).Instances).Health);

        await draining.DisposeAsync().DefaultTimeout();
        await watch.WaitForIdsAsync([]);
        Assert.All(watch.Snapshots.SkipLast(1), s => Assert.NotEmpty(s.Instances)); // never gone before the last dispose
    }

    [Fact]
    public async Task RegisteringTheSameIdInOneRegistry_Replaces_AndDisposingTheFirstLeavesTheReplacement()
    {
        await using var registry = Create(etcd.Server);
        var first = await registry.RegisterAsync(Instance(_service, "a", 5001)).DefaultTimeout();
        var replacement = await registry.RegisterAsync(Instance(_service, "a", 5009)).DefaultTimeout();

        await first.DisposeAsync().DefaultTimeout();
        var port = ((IPEndPoint)Assert.Single((await registry.ResolveAsync(_service).DefaultTimeout()).Instances).Address).Port;
        Assert.Equal(5009, port);

        await replacement.DisposeAsync().DefaultTimeout();
        Assert.Empty((await registry.ResolveAsync(_service).DefaultTimeout()).Instances);
    }

    [Fact]
    public async Task DisposingTheRegistry_DeregistersItsInstances_AndEndsItsWatchesQuietly()
    {
        await using var watcher = Create(etcd.Server);
        var registry = Create(etcd.Server);
        await registry.RegisterAsync(Instance(_service, "a")).DefaultTimeout();
        await using var watch = WatchRecorder.Start(watcher, _service);
        await watch.WaitForIdsAsync(["a"]);
        await using var ownWatch = WatchRecorder.Start(registry, _service);
        await ownWatch.WaitForIdsAsync(["a"]);

        await registry.DisposeAsync().DefaultTimeout();

        await watch.WaitForIdsAsync([]);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => registry.ResolveAsync(_service).AsTask());
    }

    [Fact]
    public async Task ValuesThatAreNotInstances_AreSkippedAndLogged_AndNeverStopTheWatch()
    {
        var logs = new CapturingLoggerProvider();
        await using var registry = Create(etcd.Server, logs: logs);
        var gateway = registry.Gateway;
        await PutRawAsync(gateway, $"/parley/services/{_service}/not-json", "hello");
        await PutRawAsync(gateway, $"/parley/services/{_service}/no-address", """{"weight":5}""");
        await PutRawAsync(gateway, $"/parley/services/{_service}/bad-port", """{"address":"10.0.0.1:99999"}""");
        await PutRawAsync(gateway, $"/parley/services/{_service}/bad-health", """{"address":"10.0.0.1:5050","health":"sleepy"}""");
        await PutRawAsync(gateway, $"/parley/services/{_service}/", """{"address":"10.0.0.1:5050"}""");
        await using var a = await registry.RegisterAsync(Instance(_service, "a")).DefaultTimeout();

        Assert.Equal(["a"], (await registry.ResolveAsync(_service).DefaultTimeout()).Instances.Select(i => i.Id));
        await using var watch = WatchRecorder.Start(registry, _service);
        await watch.WaitForIdsAsync(["a"]);

        await PutRawAsync(gateway, $"/parley/services/{_service}/later", "{not json either");
        await PutRawAsync(gateway, $"/parley/services/{_service}/a", "[]"); // a's value damaged: a is gone
        await using var b = await registry.RegisterAsync(Instance(_service, "b")).DefaultTimeout();

        await watch.WaitForIdsAsync(["b"]);
        Assert.All(watch.Snapshots, s => Assert.DoesNotContain(s.Instances, i => i.Id is not ("a" or "b")));
        var skipped = logs.Entries.Where(e => e.EventId.Id == EtcdEvents.InvalidValue).Select(e => e.Message).ToList();
        foreach (var key in new[] { "not-json", "no-address", "bad-port", "bad-health", "later" })
        {
            Assert.Contains(skipped, message => message.Contains($"{_service}/{key}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Endpoints_WhenTheFirstMemberIsDown_RequestsGoToTheNext()
    {
        var options = Options(etcd.Server);
        options.Endpoints = [new Uri("http://127.0.0.1:1"), etcd.Server.ClientUrl];
        await using var registry = new EtcdRegistry(options);

        await using var a = await registry.RegisterAsync(Instance(_service, "a")).DefaultTimeout();

        Assert.Equal(["a"], (await registry.ResolveAsync(_service).DefaultTimeout()).Instances.Select(i => i.Id));
    }

    [Fact]
    public async Task Register_RejectsServiceNamesThatCannotBeKeys()
    {
        await using var registry = Create(etcd.Server);

        await Assert.ThrowsAsync<ArgumentException>(() => registry.RegisterAsync(Instance("a/b", "x")).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => registry.RegisterAsync(Instance(_service, "")).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => registry.ResolveAsync("a/b").AsTask());
    }

    private static async Task PutRawAsync(Internal.EtcdGateway gateway, string key, string value) =>
        await gateway.PutAsync(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), lease: 0, default).DefaultTimeout();
}

using Parley.Etcd.Tests.TestSupport;
using Parley.Tests.TestSupport;
using static Parley.Etcd.Tests.TestSupport.TestRegistries;

namespace Parley.Etcd.Tests;

/// <summary>etcd restarts, loses its data or cannot be reached: registrations and watches come through on their own.</summary>
public sealed class EtcdOutageTests : IAsyncLifetime
{

    private readonly string _service = NewService();
    private readonly CapturingLoggerProvider _registrarLogs = new();
    private readonly CapturingLoggerProvider _watcherLogs = new();
    private EtcdServer _etcd = null!;

    public async Task InitializeAsync() => _etcd = await EtcdServer.LaunchAsync();

    public async Task DisposeAsync() => await _etcd.DisposeAsync();

    [Fact]
    public async Task EtcdRestarts_TheInstanceStaysRegistered_AndWatchersResume()
    {
        await using var scene = await StartAsync();

        await _etcd.StopAsync();
        await _etcd.StartAsync();
        await TaskTimeouts.WaitUntilAsync(() => _watcherLogs.Count(EtcdEvents.WatchResumed) > 0, "the watch resumes");
        await scene.RegisterAsync("b");

        await scene.Watch.WaitForIdsAsync(["a", "b"]);
        Assert.Equal(["a", "b"], await scene.ResolveIdsAsync());
        Assert.All(scene.Watch.Snapshots, s => Assert.Contains(s.Instances, i => i.Id == "a"));
    }

    [Fact]
    public async Task EtcdLosesItsData_TheInstanceIsRegisteredAgain_AndWatchersSeeIt()
    {
        await using var scene = await StartAsync();

        await _etcd.KillAsync();
        _etcd.WipeData();
        await _etcd.StartAsync();
        await TaskTimeouts.WaitUntilAsync(() => _registrarLogs.Count(EtcdEvents.LeaseLost) > 0, "the registration finds its lease gone");
        await scene.RegisterAsync("b");

        await scene.Watch.WaitForIdsAsync(["a", "b"]);
        Assert.Equal(["a", "b"], await scene.ResolveIdsAsync());
        var snapshots = scene.Watch.Snapshots;
        Assert.All(snapshots.Zip(snapshots.Skip(1)), pair => Assert.True(pair.Second.Revision > pair.First.Revision)); // though etcd counts from 1 again
    }

    [Fact]
    public async Task EtcdUnreachable_TheWatcherKeepsItsLastSnapshot_AndResumesWhenEtcdIsBack()
    {
        await using var scene = await StartAsync();

        await _etcd.StopAsync();
        await TaskTimeouts.WaitUntilAsync(() => _watcherLogs.Count(EtcdEvents.WatchFailed) >= 3, "the watcher retries a few times");
        await Assert.ThrowsAsync<EtcdException>(() => scene.Watcher.ResolveAsync(_service).AsTask());
        Assert.Single(scene.Watch.Snapshots); // nothing yielded while etcd is away

        await _etcd.StartAsync();
        await TaskTimeouts.WaitUntilAsync(() => _watcherLogs.Count(EtcdEvents.WatchResumed) > 0, "the watch resumes");
        Assert.Single(scene.Watch.Snapshots); // and nothing on return, since nothing changed
        await scene.RegisterAsync("b");

        await scene.Watch.WaitForIdsAsync(["a", "b"]);
        Assert.Equal(2, scene.Watch.Snapshots.Count);
    }

    [Fact]
    public async Task Register_WhileEtcdIsDown_KeepsTrying_AndCompletesOnceEtcdIsBack()
    {
        await using var registrar = Create(_etcd, logs: _registrarLogs);
        await _etcd.StopAsync();

        var registering = registrar.RegisterAsync(Instance(_service, "a")).AsTask();
        await TaskTimeouts.WaitUntilAsync(() => _registrarLogs.Count(EtcdEvents.RegisterFailed) >= 3, "the registration retries a few times");
        Assert.False(registering.IsCompleted);
        await _etcd.StartAsync();
        await using var a = await registering.DefaultTimeout();

        Assert.Equal(["a"], (await registrar.ResolveAsync(_service).DefaultTimeout()).Instances.Select(i => i.Id));
    }

    private Task<WatchedService> StartAsync() =>
        WatchedService.StartAsync(Options(_etcd, logs: _registrarLogs), Options(_etcd, logs: _watcherLogs), _service, "a");
}

using System.Text;
using Parley.Etcd.Tests.TestSupport;
using Parley.Tests.TestSupport;
using static Parley.Etcd.Tests.TestSupport.TestRegistries;

namespace Parley.Etcd.Tests;

/// <summary>Watches that fall behind a compaction or lose their connection end with the true state, removals included.</summary>
public sealed class WatchRecoveryTests(SharedEtcd etcd) : IClassFixture<SharedEtcd>
{

    private readonly string _service = NewService();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly TestNetwork _network = new();

    [Fact]
    public async Task Watch_BehindACompaction_ReadsTheServiceAgain_AndShowsTheRemovalItMissed()
    {
        // The watcher reads a and b, then its watch request (from the revision after that read) is held back.
        _network.HoldWatches();
        var watcher = Options(etcd.Server, _network, _logs);
        watcher.RequestTimeout = TimeSpan.FromSeconds(10); // the held watch request must outlast the changes below
        await using var scene = await WatchedService.StartAsync(Options(etcd.Server), watcher, _service, "a", "b");
        await TaskTimeouts.WaitUntilAsync(() => _network.HeldWatches == 1, "the watch request is held");

        // Meanwhile b goes, c comes, and the history of both is compacted away.
        await scene["b"].DisposeAsync().DefaultTimeout();
        await scene.RegisterAsync("c");
        await CompactAsync(scene.Registrar);
        _network.ReleaseWatches();

        await scene.Watch.WaitForIdsAsync(["a", "c"]);
        Assert.NotEqual(0, _logs.Count(EtcdEvents.WatchCompacted));
        Assert.All(scene.Watch.Snapshots.Skip(1), s => Assert.DoesNotContain(s.Instances, i => i.Id == "b"));
    }

    [Fact]
    public async Task Watch_OnAConnectionThatDiedSilently_NoticesByItsCheck_AndCatchesUpOnTheChangesMeanwhile()
    {
        var watcher = Options(etcd.Server, _network, _logs);
        watcher.RequestTimeout = TimeSpan.FromSeconds(1);
        watcher.WatchCheckInterval = TimeSpan.FromMilliseconds(300);
        await using var scene = await WatchedService.StartAsync(Options(etcd.Server), watcher, _service, "a", "b");

        // A partition: the watch stream goes quiet without closing, and nothing new gets through.
        _network.Blackhole();
        await scene["b"].DisposeAsync().DefaultTimeout();
        await scene.RegisterAsync("c");
        await CompactAsync(scene.Registrar);
        await TaskTimeouts.WaitUntilAsync(() => _logs.Count(EtcdEvents.WatchFailed) > 0, "the watcher finds its connection dead");
        Assert.Equal(["a", "b"], scene.Watch.Latest!.Instances.Select(i => i.Id)); // the last snapshot stays valid meanwhile
        _network.Restore();

        await scene.Watch.WaitForIdsAsync(["a", "c"]);
        Assert.All(scene.Watch.Snapshots, s => Assert.Contains(s.Instances, i => i.Id == "a"));
    }

    private static async Task CompactAsync(EtcdRegistry registry)
    {
        var revision = (await registry.Gateway.RangeAsync(Encoding.UTF8.GetBytes("/"), default).DefaultTimeout()).Header.Revision;
        await registry.Gateway.CompactAsync(revision, default).DefaultTimeout();
    }
}

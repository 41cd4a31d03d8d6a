using System.Net;
using System.Net.Sockets;
using Parley.Discovery;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Discovery;

public sealed class StaticAndDnsRegistryTests
{
    [Fact]
    public async Task Static_For_ParsesTheAddresses_AndIsReadOnly()
    {
        var registry = StaticRegistry.For("calculator", "tcp://127.0.0.1:5001", "tcp://127.0.0.1:5002");

        var snapshot = await registry.ResolveAsync("calculator");

        Assert.Equal(["tcp://127.0.0.1:5001", "tcp://127.0.0.1:5002"], snapshot.Instances.Select(i => i.Id));
        Assert.Empty((await registry.ResolveAsync("unknown")).Instances);
        await Assert.ThrowsAsync<NotSupportedException>(() => registry.RegisterAsync(snapshot.Instances[0]).AsTask());
        Assert.Throws<FormatException>(() => StaticRegistry.For("calculator", "http://127.0.0.1:5001"));
    }

    [Fact]
    public void Static_TwoInstancesWithOneId_AreRefused()
    {
        var endPoint = new IPEndPoint(IPAddress.Loopback, 5001);

        var error = Assert.Throws<ArgumentException>(() => new StaticRegistry([new("calculator", "a", endPoint), new("calculator", "a", endPoint)]));

        Assert.Contains("two instances with id 'a'", error.Message);
    }

    [Fact]
    public async Task Static_Watch_YieldsOnce_AndEndsWhenCancelled()
    {
        var registry = StaticRegistry.For("calculator", "tcp://127.0.0.1:5001");
        using var stop = new CancellationTokenSource();
        var snapshots = new List<ServiceSnapshot>();
        var watching = Task.Run(async () =>
        {
            await foreach (var snapshot in registry.WatchAsync("calculator", stop.Token))
            {
                lock (snapshots) { snapshots.Add(snapshot); }
            }
        });
        await TaskTimeouts.WaitUntilAsync(() => { lock (snapshots) { return snapshots.Count == 1; } }, "the snapshot arrived");

        await stop.CancelAsync();

        await watching.DefaultTimeout();
        Assert.Single(snapshots);
    }

    [Fact]
    public async Task Dns_Localhost_ResolvesThroughTheSystemResolver()
    {
        var registry = new DnsRegistry(new Dictionary<string, string> { ["calculator"] = "localhost:5050" });

        var snapshot = await registry.ResolveAsync("calculator").AsTask().DefaultTimeout();

        Assert.Contains(snapshot.Instances, i => i.Address.Equals(new IPEndPoint(IPAddress.Loopback, 5050)));
        Assert.All(snapshot.Instances, i => Assert.Equal(5050, ((IPEndPoint)i.Address).Port));
    }

    [Fact]
    public async Task Dns_Watch_ResolvesAgainEachInterval_YieldsOnlyChanges_AndKeepsTheLastAddressesWhileResolutionFails()
    {
        var clock = new ManualTimeProvider();
        var answers = new Queue<Func<IPAddress[]>>(
        [
            () => [IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2")],
            () => [IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.1")], // same set, other order: no snapshot
            () => throw new SocketException((int)SocketError.HostNotFound),    // failure: the last set stays
            () => [IPAddress.Parse("10.0.0.2"), IPAddress.Parse("fd00::3")],
        ]);
        var resolutions = 0;
        var registry = new DnsRegistry(
            new Dictionary<string, string> { ["calculator"] = "calculator.internal:5050" },
            (host, _) =>
            {
                Assert.Equal("calculator.internal", host);
                Interlocked.Increment(ref resolutions);
                return Task.FromResult(answers.Dequeue()());
            },
            clock) { RefreshInterval = TimeSpan.FromSeconds(10) };
        using var stop = new CancellationTokenSource();
        await using var watch = registry.WatchAsync("calculator", stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await watch.MoveNextAsync().AsTask().DefaultTimeout());
        Assert.Equal(["10.0.0.1:5050", "10.0.0.2:5050"], watch.Current.Instances.Select(i => i.Id));

        var next = watch.MoveNextAsync().AsTask();
        for (var expected = 2; expected <= 4; expected++)
        {
            await TaskTimeouts.WaitUntilAsync(() => clock.HasTimerDue, "the watch waits for its next refresh");
            clock.Advance(TimeSpan.FromSeconds(10));
            await TaskTimeouts.WaitUntilAsync(() => Volatile.Read(ref resolutions) == expected, $"resolution {expected} ran");
        }

        Assert.True(await next.DefaultTimeout());
        Assert.Equal(["10.0.0.2:5050", "[fd00::3]:5050"], watch.Current.Instances.Select(i => i.Id));
        Assert.Equal(2, watch.Current.Revision);
    }

    [Fact]
    public async Task Dns_UnknownServiceOrBadEntry_IsAClearError()
    {
        var registry = new DnsRegistry(new Dictionary<string, string> { ["calculator"] = "localhost:5050" });

        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.ResolveAsync("billing").AsTask());
        Assert.Contains("'billing'", missing.Message);
        var bad = Assert.Throws<FormatException>(() => new DnsRegistry(new Dictionary<string, string> { ["calculator"] = "localhost" }));
        Assert.Contains("expected host:port", bad.Message);
    }
}

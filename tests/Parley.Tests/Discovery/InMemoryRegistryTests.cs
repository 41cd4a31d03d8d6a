using System.Net;
using Parley.Discovery;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Discovery;

public sealed class InMemoryRegistryTests
{
    private readonly InMemoryRegistry _registry = new();

    [Fact]
    public async Task Register_ThenResolve_GivesTheInstancesOrderedById_WithTheirDetails()
    {
        await using var b = await _registry.RegisterAsync(Instance("b", 5002) with { Weight = 300, Metadata = new Dictionary<string, string> { ["zone"] = "z1" } });
        await using var a = await _registry.RegisterAsync(Instance("a", 5001));
        await using var other = await _registry.RegisterAsync(Instance("x", 6000) with { Service = "other" });

        var snapshot = await _registry.ResolveAsync("calculator");

        Assert.Equal(["a", "b"], snapshot.Instances.Select(i => i.Id));
        Assert.Equal(300, snapshot.Instances[1].Weight);
        Assert.Equal("z1", snapshot.Instances[1].Metadata["zone"]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5001), snapshot.Instances[0].Address);
    }

    [Fact]
    public async Task DisposingTheRegistration_Deregisters_ButNotALaterRegistrationOfTheSameId()
    {
        var first = await _registry.RegisterAsync(Instance("a", 5001));
        var replacement = await _registry.RegisterAsync(Instance("a", 5009));

        await first.DisposeAsync(); // the replacement owns the id now
        Assert.Equal(5009, ((IPEndPoint)(await _registry.ResolveAsync("calculator")).Instances.Single().Address).Port);

        await replacement.DisposeAsync();
        Assert.Empty((await _registry.ResolveAsync("calculator")).Instances);
    }

    [Fact]
    public async Task Watch_StartsWithTheCurrentSnapshot_ThenYieldsEveryChange_WithGrowingRevisions()
    {
        await using var a = await _registry.RegisterAsync(Instance("a", 5001));
        using var stop = new CancellationTokenSource();
        await using var watch = _registry.WatchAsync("calculator", stop.Token).GetAsyncEnumerator(stop.Token);

        var first = await NextAsync(watch);
        Assert.Equal(["a"], first.Instances.Select(i => i.Id));

        var b = await _registry.RegisterAsync(Instance("b", 5002));
        var second = await NextAsync(watch);
        Assert.Equal(["a", "b"], second.Instances.Select(i => i.Id));
        Assert.True(second.Revision > first.Revision);

        var drainingB = await _registry.RegisterAsync(Instance("b", 5002) with { Health = InstanceHealth.Draining });
        var third = await NextAsync(watch);
        Assert.Equal(["a"], third.Serving.Select(i => i.Id));

        Assert.True(_registry.Remove("calculator", "a"));
        Assert.Equal(["b"], (await NextAsync(watch)).Instances.Select(i => i.Id));
        await b.DisposeAsync(); // replaced by the draining registration: nothing changes
        await drainingB.DisposeAsync();
        var last = await NextAsync(watch);
        Assert.Empty(last.Instances);
    }

    [Fact]
    public async Task Watch_ASlowWatcher_GetsTheNewestSnapshot_NotAQueueOfOldOnes()
    {
        using var stop = new CancellationTokenSource();
        await using var watch = _registry.WatchAsync("calculator", stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.Empty((await NextAsync(watch)).Instances);

        for (var port = 5001; port <= 5010; port++)
        {
            await _registry.RegisterAsync(Instance($"i{port}", port));
        }

        Assert.Equal(10, (await NextAsync(watch)).Instances.Count);
    }

    [Fact]
    public async Task Watch_Cancelled_EndsQuietly()
    {
        using var stop = new CancellationTokenSource();
        var seen = 0;
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in _registry.WatchAsync("calculator", stop.Token))
            {
                Interlocked.Increment(ref seen);
            }
        });
        await TaskTimeouts.WaitUntilAsync(() => Volatile.Read(ref seen) == 1, "the first snapshot arrived");

        await stop.CancelAsync();

        await watching.DefaultTimeout();
    }

    private static ServiceInstance Instance(string id, int port) => new("calculator", id, new IPEndPoint(IPAddress.Loopback, port));

    private static async Task<ServiceSnapshot> NextAsync(IAsyncEnumerator<ServiceSnapshot> watch)
    {
        Assert.True(await watch.MoveNextAsync().AsTask().DefaultTimeout());
        return watch.Current;
    }
}

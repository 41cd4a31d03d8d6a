using Parley.Tests.TestSupport;
using Parley.Balancing;
using Parley.Client;
using Parley.Cluster;

namespace Parley.Tests.Cluster;

/// <summary>Calls through <c>registry://</c> spread over real instances as each balancer promises.</summary>
public sealed class BalancedCallsTests
{
    [Fact]
    public async Task RoundRobin_ThirtyThousandCalls_SplitEvenlyOverThreeInstances()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b", "c");
        var client = cluster.CreateClient();
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>();

        var answers = await ClusterWaits.CountAnswersAsync(30_000, 32, _ => proxy.WhoAsync());

        Assert.Equal(30_000, answers.Values.Sum());
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.InRange(answers[id], 9_800, 10_200); // a third, ±2 %
            Assert.Equal(answers[id], cluster[id].Service.Calls);
        }
    }

    [Fact]
    public async Task SmoothWeightedRoundRobin_WeightsOneTwoThree_SplitCallsOneTwoThree()
    {
        await using var cluster = new TestCluster();
        await cluster.AddAsync("a", weight: 100);
        await cluster.AddAsync("b", weight: 200);
        await cluster.AddAsync("c", weight: 300);
        var client = cluster.CreateClient(o => o.Cluster.LoadBalancer = () => new SmoothWeightedRoundRobinBalancer());
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>();

        var answers = await ClusterWaits.CountAnswersAsync(30_000, 32, _ => proxy.WhoAsync());

        Assert.InRange(answers["a"], 4_850, 5_150); // ±3 % of each share
        Assert.InRange(answers["b"], 9_700, 10_300);
        Assert.InRange(answers["c"], 14_550, 15_450);
    }

    [Fact]
    public async Task ConsistentHash_SameKeySameInstance_AndAFourthInstanceTakesAboutAQuarterOfKeys()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b", "c");
        var client = cluster.CreateClient(o => o.Cluster.LoadBalancer = () => new ConsistentHashBalancer());
        await client.WaitForConnectedAsync(3);
        var keys = Enumerable.Range(0, 400).Select(i => "user-" + i).ToArray();

        var before = await OwnersAsync(client, keys);
        var again = await OwnersAsync(client, keys);
        Assert.Equal(before, again);
        Assert.Equal(3, before.Values.Distinct().Count());

        await cluster.AddAsync("d");
        await client.WaitForConnectedAsync(4);
        var after = await OwnersAsync(client, keys);

        var moved = keys.Where(k => before[k] != after[k]).ToArray();
        Assert.All(moved, k => Assert.Equal("d", after[k])); // keys move only to the newcomer
        Assert.InRange(moved.Length, 60, 140); // about a quarter of 400
    }

    [Fact]
    public async Task LeastOutstanding_AvoidsTheInstanceWithSlowCallsPiledUp()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b", "c");
        cluster["a"].Service.ExtraDelayMs = 200;
        var client = cluster.CreateClient(o => o.Cluster.LoadBalancer = () => new LeastOutstandingBalancer());
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>();

        var answers = await ClusterWaits.CountAnswersAsync(3_000, 16, _ => proxy.WhoAsync());

        // Round robin would give the slow instance a third; two choices keep it to a small share.
        Assert.True(answers.GetValueOrDefault("a") < 300, $"slow instance got {answers.GetValueOrDefault("a")} of 3000");
    }

    [Fact]
    public async Task ConnectionPool_OpensMoreConnectionsOnlyWhenBusy_UpToTheMaximum()
    {
        await using var cluster = await TestCluster.StartAsync("a");
        var client = cluster.CreateClient(o =>
        {
            o.Cluster.ConnectionPool.MinConnections = 1;
            o.Cluster.ConnectionPool.MaxConnections = 3;
            o.Cluster.ConnectionPool.CallsPerConnection = 2;
        });
        await client.WaitForConnectedAsync(1);
        var proxy = client.GetService<IClusterService>();

        var calls = Enumerable.Range(0, 40).Select(_ => proxy.WorkAsync(300, default)).ToArray();
        await TaskTimeouts.WaitUntilAsync(() => client.Cluster!.Instances[0].OpenConnections == 3, "a third connection");
        await Task.WhenAll(calls).DefaultTimeout();
        for (var i = 0; i < 200; i++)
        {
            await proxy.WhoAsync().DefaultTimeout();
        }

        var instance = client.Cluster!.Instances[0];
        Assert.Equal(3, instance.ConnectionsOpened);
        Assert.True(client.Cluster.ConnectionReuseRatio > 0.98, $"reuse ratio {client.Cluster.ConnectionReuseRatio}");
    }

    [Fact]
    public async Task OneWayCalls_AreSpreadOverTheInstancesToo()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        var client = cluster.CreateClient();
        await client.WaitForConnectedAsync(2);

        for (var i = 0; i < 20; i++)
        {
            await client.SendOneWayAsync("ClusterTest", "Who").DefaultTimeout();
        }

        await TaskTimeouts.WaitUntilAsync(() => cluster.CallsById().Values.Sum() == 20, "20 one-way calls served");
        Assert.Equal(10, cluster["a"].Service.Calls);
    }

    [Fact]
    public void RegistryAddress_WithoutARegistry_IsRejectedWithTheFix()
    {
        var error = Assert.Throws<ArgumentException>(() => RpcClient.Create("registry://calculator"));
        Assert.Contains("RpcClientOptions.Registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoInstanceRegistered_CallFailsUnavailable_UnlessItWaitsForReady()
    {
        await using var cluster = new TestCluster();
        var client = cluster.CreateClient();
        var proxy = client.GetService<IClusterService>();

        var error = await Assert.ThrowsAsync<RpcException>(() => proxy.WhoAsync()).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("no instance is registered", error.Message, StringComparison.Ordinal);

        var waiting = client.InvokeAsync<string>("ClusterTest", "Who", [], new CallOptions { WaitForReady = true, Timeout = TimeSpan.FromSeconds(10) });
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        await cluster.AddAsync("late");
        Assert.Equal("late", await waiting.DefaultTimeout());
    }

    private static async Task<Dictionary<string, string>> OwnersAsync(RpcClient client, string[] keys)
    {
        var owners = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            var proxy = client.GetService<IClusterService>(new CallOptions { HashKey = key });
            owners[key] = await proxy.WhoAsync().DefaultTimeout();
        }

        return owners;
    }
}

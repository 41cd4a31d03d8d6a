using System.Net;
using Parley.Client;
using Parley.Cluster;
using Parley.Discovery;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

/// <summary>Instances leave without failing calls: draining, deregistered, or stopping servers.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task DrainingInstance_GetsNoNewCalls_AndItsRunningCallFinishes()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b", "c");
        var client = cluster.CreateClient(o => o.Cluster.LoadBalancer = () => new FirstInstanceBalancer());
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>();

        var running = proxy.RecordAsync(700, default);
        await TaskTimeouts.WaitUntilAsync(() => cluster["a"].Service.Running == 1, "the call running on a");
        await cluster["a"].RegisterAsync(InstanceHealth.Draining);
        await client.WaitForStateAsync("a", InstanceState.Draining);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("b", await proxy.RecordAsync(0, default).DefaultTimeout());
        }

        Assert.Equal("a", await running.DefaultTimeout());
        Assert.Equal(1, cluster["a"].Service.Calls);
    }

    [Fact]
    public async Task DeregisteredInstance_RunningCallFinishes_ThenItsConnectionsClose()
    {
        await using var cluster = await TestCluster.StartAsync("a", "b");
        var client = cluster.CreateClient(o => o.Cluster.LoadBalancer = () => new FirstInstanceBalancer());
        await client.WaitForConnectedAsync(2);
        var proxy = client.GetService<IClusterService>();

        var running = proxy.RecordAsync(700, default);
        await TaskTimeouts.WaitUntilAsync(() => cluster["a"].Service.Running == 1, "the call running on a");
        await cluster["a"].DeregisterAsync();
        await TaskTimeouts.WaitUntilAsync(() => client.Cluster!.Instances.Count == 1, "a to leave the client's view");

        Assert.Equal("b", await proxy.RecordAsync(0, default).DefaultTimeout());
        Assert.Equal("a", await running.DefaultTimeout());
        await TaskTimeouts.WaitUntilAsync(() => cluster["a"].Server.Statistics.Connections == 0, "a's connections to close");
    }

    [Fact]
    public async Task ServerRegistration_OnlyWhenListening_AndStoppingDeregistersFirstThenDrains()
    {
        var registry = new InMemoryRegistry();
        var a = new ClusterNodeService("a");
        var b = new ClusterNodeService("b");
        await using var serverA = BuildServer(a);
        await using var serverB = BuildServer(b);

        await Assert.ThrowsAsync<InvalidOperationException>(() => serverA.RegisterAsync(registry, TestCluster.ServiceName, "a"));
        await serverA.StartAsync();
        await serverB.StartAsync();
        var registered = await serverA.RegisterAsync(registry, TestCluster.ServiceName, "a");
        await serverB.RegisterAsync(registry, TestCluster.ServiceName, "b", configure: i => i with { Weight = 50 });
        Assert.Equal(serverA.EndPoints[0], registered.Address);
        Assert.Equal(50, (await registry.ResolveAsync(TestCluster.ServiceName)).Instances.Single(i => i.Id == "b").Weight);

        await using var client = RpcClient.Create("registry://" + TestCluster.ServiceName, new RpcClientOptions
        {
            Registry = registry,
            Cluster = { LoadBalancer = () => new FirstInstanceBalancer() },
        });
        await client.WaitForConnectedAsync(2);
        var proxy = client.GetService<IClusterService>();
        var running = proxy.RecordAsync(700, default);
        await TaskTimeouts.WaitUntilAsync(() => a.Running == 1, "the call running on a");

        var stopping = serverA.StopAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain((await registry.ResolveAsync(TestCluster.ServiceName)).Instances, i => i.Id == "a");
        // Calls made while a stops all succeed: before the client has seen it leave, a still serves them, and after
        // its GOAWAY a refuses them unseen, so they go to b.
        var during = await ClusterWaits.CountAnswersAsync(50, 2, _ => proxy.RecordAsync(0, default));
        Assert.Equal(50, during.Values.Sum());
        Assert.Equal("a", await running.DefaultTimeout());
        await stopping.DefaultTimeout();

        await TaskTimeouts.WaitUntilAsync(() => client.Cluster!.Instances.Count == 1, "a to leave the client's view");
        var after = await ClusterWaits.CountAnswersAsync(20, 2, _ => proxy.RecordAsync(0, default));
        Assert.Equal(20, after["b"]);
    }

    private static RpcServer BuildServer(IClusterService service) =>
        new RpcServerBuilder().AddService(service).ListenTcp(IPAddress.Loopback, 0).Build();
}

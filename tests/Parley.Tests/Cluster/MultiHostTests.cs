using System.Collections.Concurrent;
using Parley.Client;
using Parley.Cluster;
using Parley.ClusterNode;
using Parley.Discovery;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Cluster;

/// <summary>
/// Failures of whole instances over real network boundaries: node processes in their own network namespaces, killed
/// under load, and an instance behind a proxy that stops answering.
/// </summary>
public sealed class MultiHostTests
{
    private const string Service = "nodes";

    [Fact]
    public async Task KillOneOfThreeUnderLoad_IdempotentCallsAllSucceed_OthersFailOnlyIfInFlight_TrafficMovesWithinTwoSeconds()
    {
        var registry = new InMemoryRegistry();
        await using var hostA = NetworkNamespace.Create();
        await using var hostB = NetworkNamespace.Create();
        await using var hostC = NetworkNamespace.Create();
        await using var a = await ClusterNodeProcess.StartAsync("a", hostA);
        await using var b = await ClusterNodeProcess.StartAsync("b", hostB);
        await using var c = await ClusterNodeProcess.StartAsync("c", hostC);
        foreach (var node in new[] { a, b, c })
        {
            // Registered by the test, as a crashed process leaves its registration behind until its lease ends.
            await registry.RegisterAsync(new ServiceInstance(Service, node.Id, node.EndPoint));
        }

        await using var client = RpcClient.Create("registry://" + Service, new RpcClientOptions { Registry = registry });
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<INodeService>(new CallOptions { Timeout = TimeSpan.FromSeconds(10) });

        const int Callers = 8;
        var idempotentFailures = new ConcurrentQueue<RpcException>();
        var otherFailures = new ConcurrentQueue<RpcException>();
        var answersAfterMove = new ConcurrentDictionary<string, int>();
        long killedAt = 0, moveBy = long.MaxValue;
        var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var load = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var idempotent = (caller + i) % 2 == 0;
                try
                {
                    var id = idempotent ? await proxy.WorkAsync(20, default) : await proxy.RecordAsync(20, default);
                    if (Environment.TickCount64 > Volatile.Read(ref moveBy))
                    {
                        answersAfterMove.AddOrUpdate(id, 1, (_, n) => n + 1);
                    }
                }
                catch (RpcException ex)
                {
                    (idempotent ? idempotentFailures : otherFailures).Enqueue(ex);
                }
            }
        })).ToArray();

        await Task.Delay(1_500);
        var callsOnBBefore = client.Cluster!.Instances.Single(i => i.Id == "b").Calls;
        b.Kill();
        killedAt = Environment.TickCount64;
        Volatile.Write(ref moveBy, killedAt + 2_000);
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(callsOnBBefore > 0);
        Assert.Empty(idempotentFailures);
        Assert.All(otherFailures, ex => Assert.Equal(StatusCode.Unavailable, ex.StatusCode));
        Assert.True(otherFailures.Count <= Callers, $"{otherFailures.Count} non-idempotent calls failed; at most {Callers} were in flight");
        Assert.False(answersAfterMove.ContainsKey("b"));
        Assert.True(answersAfterMove.GetValueOrDefault("a") > 0 && answersAfterMove.GetValueOrDefault("c") > 0);
        Assert.NotEqual(InstanceState.Available, client.Cluster.Instances.Single(i => i.Id == "b").State);
    }

    [Fact]
    public async Task BlackholedInstance_IsDetectedByHeartbeatAndEjected_CallsSucceedOnTheOthers()
    {
        await using var cluster = new TestCluster();
        await cluster.AddAsync("a");
        var b = await cluster.AddAsync("b", behindProxy: true);
        await cluster.AddAsync("c");
        var client = cluster.CreateClient(o =>
        {
            o.Cluster.HealthChecks.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            o.Cluster.HealthChecks.HeartbeatTimeout = TimeSpan.FromMilliseconds(500);
        });
        await client.WaitForConnectedAsync(3);
        var proxy = client.GetService<IClusterService>(new CallOptions { Timeout = TimeSpan.FromSeconds(10) });

        var failures = new ConcurrentQueue<RpcException>();
        var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await proxy.WorkAsync(5, default);
                }
                catch (RpcException ex)
                {
                    failures.Enqueue(ex);
                }
            }
        })).ToArray();

        await Task.Delay(500);
        b.Proxy!.Blackhole = true; // the host hangs: connections stay open, nothing comes back
        await client.WaitForStateAsync("b", InstanceState.Ejected);
        var callsOnB = b.Service.Calls;
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(failures);
        Assert.Equal(callsOnB, b.Service.Calls);
        Assert.True(cluster["a"].Service.Calls > 0 && cluster["c"].Service.Calls > 0);
    }
}

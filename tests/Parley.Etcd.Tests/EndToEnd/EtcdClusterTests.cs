using Parley.Tests.TestSupport;
using System.Net;
using Parley.Client;
using Parley.Etcd.Tests.TestSupport;
using Parley.Server;

namespace Parley.Etcd.Tests.EndToEnd;

/// <summary>Real servers that register themselves in a real etcd, and a client calling them through <c>registry://</c>.</summary>
public sealed class EtcdClusterTests
{
    [Fact]
    public async Task InstanceWhoseLeaseExpires_LeavesTheClientsView_AndItsCallsGoToTheOthers()
    {
        await using var etcd = await EtcdServer.LaunchAsync();
        var service = TestRegistries.NewService();
        var cutOff = new TestNetwork();
        await using var registryA = TestRegistries.Create(etcd);
        await using var registryB = TestRegistries.Create(etcd, cutOff);
        await using var a = await StartAsync("a");
        await using var b = await StartAsync("b");
        await a.RegisterAsync(registryA, service, "a");
        await b.RegisterAsync(registryB, service, "b");
        await using var clientRegistry = TestRegistries.Create(etcd);
        await using var client = RpcClient.Create("registry://" + service, new RpcClientOptions { Registry = clientRegistry });
        await TaskTimeouts.WaitUntilAsync(() => client.Cluster!.Instances.Count == 2, "both instances in the client's view");
        Assert.Equal(new[] { "a", "b" }, (await CallAsync(client, 10)).Distinct().Order());

        cutOff.Blackhole(); // b's process can no longer keep its lease alive: etcd lets it expire (TTL 5 s)
        await TaskTimeouts.WaitUntilAsync(
            () => client.Cluster!.Instances is [{ Id: "a" }], "b to leave the client's view");

        Assert.All(await CallAsync(client, 10), id => Assert.Equal("a", id));
    }

    [Fact]
    public async Task EtcdRestart_ClientKeepsCallingTheKnownInstances_AndSeesNewOnesAfterwards()
    {
        await using var etcd = await EtcdServer.LaunchAsync();
        var service = TestRegistries.NewService();
        await using var registry = TestRegistries.Create(etcd);
        await using var a = await StartAsync("a");
        await using var b = await StartAsync("b");
        await a.RegisterAsync(registry, service, "a");
        await b.RegisterAsync(registry, service, "b");
        await using var clientRegistry = TestRegistries.Create(etcd);
        await using var client = RpcClient.Create("registry://" + service, new RpcClientOptions { Registry = clientRegistry });
        await TaskTimeouts.WaitUntilAsync(() => client.Cluster!.Instances.Count == 2, "both instances in the client's view");

        await etcd.StopAsync();
        Assert.Equal(new[] { "a", "b" }, (await CallAsync(client, 10)).Distinct().Order()); // served from the last known instances

        await etcd.StartAsync();
        await using var c = await StartAsync("c");
        await c.RegisterAsync(registry, service, "c");
        await TaskTimeouts.WaitUntilAsync(() => client.Cluster!.Instances.Count == 3, "c in the client's view");
        Assert.Equal(new[] { "a", "b", "c" }, (await CallAsync(client, 30)).Distinct().Order());
    }

    private static async Task<RpcServer> StartAsync(string id)
    {
        var server = new RpcServerBuilder().AddService<IWho>(new Who(id)).ListenTcp(IPAddress.Loopback, 0).Build();
        await server.StartAsync();
        return server;
    }

    private static async Task<List<string>> CallAsync(RpcClient client, int calls)
    {
        var who = client.GetService<IWho>();
        var answers = new List<string>();
        for (var i = 0; i < calls; i++)
        {
            answers.Add(await who.WhoAsync().DefaultTimeout());
        }

        return answers;
    }
}

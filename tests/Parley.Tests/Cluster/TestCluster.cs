using Parley.Tests.TestSupport;
using System.Net;
using Parley.Client;
using Parley.Discovery;
using Parley.Server;

namespace Parley.Tests.Cluster;

/// <summary>
/// Instances of <see cref="IClusterService"/>, each a real server on its own loopback port, registered in an
/// in-memory registry under <see cref="ServiceName"/>; clients call them through <c>registry://</c>.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string ServiceName = "cluster-test";

    private readonly List<TestClusterNode> _nodes = [];
    private readonly List<RpcClient> _clients = [];

    public InMemoryRegistry Registry { get; } = new();

    public IReadOnlyList<TestClusterNode> Nodes => _nodes;

    public TestClusterNode this[string id] => _nodes.Single(n => n.Id == id);

    public static async Task<TestCluster> StartAsync(params string[] ids)
    {
        var cluster = new TestCluster();
        foreach (var id in ids)
        {
            await cluster.AddAsync(id);
        }

        return cluster;
    }

    /// <summary>Starts an instance; <paramref name="behindProxy"/> registers it at a <see cref="TcpFaultProxy"/> in front of it.</summary>
    public async Task<TestClusterNode> AddAsync(string id, int weight = ServiceInstance.DefaultWeight, bool behindProxy = false)
    {
        var service = new ClusterNodeService(id);
        var server = new RpcServerBuilder()
            .AddService<IClusterService>(service)
            .ListenTcp(IPAddress.Loopback, 0)
            .Build();
        await server.StartAsync().DefaultTimeout();
        var proxy = behindProxy ? TcpFaultProxy.Start(server.EndPoints[0]) : null;
        var node = new TestClusterNode(id, server, service, Registry, weight, proxy);
        await node.RegisterAsync();
        _nodes.Add(node);
        return node;
    }

    public RpcClient CreateClient(Action<RpcClientOptions>? configure = null)
    {
        var options = new RpcClientOptions { Registry = Registry };
        configure?.Invoke(options);
        var client = RpcClient.Create("registry://" + ServiceName, options);
        _clients.Add(client);
        return client;
    }

    /// <summary>Calls made by each node's handler, by id.</summary>
    public Dictionary<string, int> CallsById() => _nodes.ToDictionary(n => n.Id, n => n.Service.Calls);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}

/// <summary>One instance of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterNode(
    string id, RpcServer server, ClusterNodeService service, InMemoryRegistry registry, int weight, TcpFaultProxy? proxy) : IAsyncDisposable
{
    private IAsyncDisposable? _registration;

    public string Id { get; } = id;

    public RpcServer Server { get; } = server;

    public ClusterNodeService Service { get; } = service;

    /// <summary>The proxy clients reach the instance through, when it has one.</summary>
    public TcpFaultProxy? Proxy { get; } = proxy;

    /// <summary>Where clients reach the instance: its proxy, or the server itself.</summary>
    public IPEndPoint EndPoint => Proxy?.EndPoint ?? (IPEndPoint)Server.EndPoints[0];

    public ServiceInstance Instance(InstanceHealth health = InstanceHealth.Healthy) =>
        new(TestCluster.ServiceName, Id, EndPoint) { Weight = weight, Health = health };

    public async Task RegisterAsync(InstanceHealth health = InstanceHealth.Healthy) =>
        _registration = await registry.RegisterAsync(Instance(health)).DefaultTimeout();

    public async Task DeregisterAsync()
    {
        if (_registration is { } registration)
        {
            _registration = null;
            await registration.DisposeAsync();
        }
    }

    /// <summary>Stops at once: running calls are cancelled and connections close, as when the process ends.</summary>
    public Task StopAsync() => Server.StopAsync(TimeSpan.Zero).DefaultTimeout();

    public async ValueTask DisposeAsync()
    {
        await DeregisterAsync();
        await Server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await Server.DisposeAsync();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
    }
}

using System.Net;
using Parley.Client;
using Parley.Server;
using Parley.Transport;

namespace Parley.Tests.TestSupport;

public enum TestTransport
{
    Tcp,
    InMemory,
}

/// <summary>A real server serving <see cref="TestService"/>: on 127.0.0.1 with a free port, or on an in-memory transport.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly EndPoint _clientEndPoint;
    private readonly ITransportConnector? _connector;

    private TestServer(RpcServer server, TestService service, StreamTestService streams, ITransportConnector? connector)
    {
        Server = server;
        Service = service;
        Streams = streams;
        _clientEndPoint = server.EndPoints[0];
        _connector = connector;
    }

    public RpcServer Server { get; }

    public TestService Service { get; }

    /// <summary>The streaming service, served as <c>StreamTestService</c>.</summary>
    public StreamTestService Streams { get; }

    /// <summary>The TCP address (TCP servers only: raw peers and proxies need a socket).</summary>
    public IPEndPoint EndPoint => _clientEndPoint as IPEndPoint
        ?? throw new InvalidOperationException("This test server is not on TCP.");

    public static Task<TestServer> StartAsync(Action<RpcServerOptions>? configure = null, int port = 0, TestService? service = null) =>
        StartAsync(TestTransport.Tcp, configure, port, service);

    public static async Task<TestServer> StartAsync(
        TestTransport transport, Action<RpcServerOptions>? configure = null, int port = 0, TestService? service = null)
    {
        service ??= new TestService();
        var streams = new StreamTestService();
        var builder = new RpcServerBuilder()
            .AddService<ITestService>(service)
            .AddService<IStreamTestService>(streams)
            .Configure(options => configure?.Invoke(options));
        ITransportConnector? connector = null;
        if (transport == TestTransport.InMemory)
        {
            var memory = new InMemoryTransport("test-" + Guid.NewGuid().ToString("N"));
            builder.Listen(_ => memory.Listener);
            connector = memory.Connector;
        }
        else
        {
            builder.ListenTcp(IPAddress.Loopback, port);
        }

        var server = builder.Build();
        await server.StartAsync().DefaultTimeout();
        return new TestServer(server, service, streams, connector);
    }

    public RpcClient CreateClient(Action<RpcClientOptions>? configure = null)
    {
        var options = new RpcClientOptions();
        configure?.Invoke(options);
        return new RpcClient(_clientEndPoint, options, _connector);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await Server.DisposeAsync();
    }
}

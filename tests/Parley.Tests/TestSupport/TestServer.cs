using System.Net;
using Parley.Client;
using Parley.Server;

namespace Parley.Tests.TestSupport;

/// <summary>A real server on 127.0.0.1 with a free port, serving <see cref="TestService"/>.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(RpcServer server, TestService service)
    {
        Server = server;
        Service = service;
        EndPoint = (IPEndPoint)server.EndPoints[0];
    }

    public RpcServer Server { get; }

    public TestService Service { get; }

    public IPEndPoint EndPoint { get; }

    public string Address => $"tcp://{EndPoint}";

    public static async Task<TestServer> StartAsync(Action<RpcServerOptions>? configure = null, int port = 0, TestService? service = null)
    {
        service ??= new TestService();
        var server = new RpcServerBuilder()
            .AddService<ITestService>(service)
            .ListenTcp(IPAddress.Loopback, port)
            .Configure(options => configure?.Invoke(options))
            .Build();
        await server.StartAsync().DefaultTimeout();
        return new TestServer(server, service);
    }

    public RpcClient CreateClient(Action<RpcClientOptions>? configure = null)
    {
        var options = new RpcClientOptions();
        configure?.Invoke(options);
        return new RpcClient(EndPoint, options);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await Server.DisposeAsync();
    }
}

using System.Net;
using Parley.Client;
using Parley.Server;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>
/// A real TCP server on 127.0.0.1 (free port) serving <see cref="IGreeter"/> and <see cref="ICalculator"/>, with the
/// default JSON codec and <c>AddProtobuf()</c>.
/// </summary>
public sealed class ProtobufTestServer : IAsyncDisposable
{
    private ProtobufTestServer(RpcServer server, Greeter greeter)
    {
        Server = server;
        Greeter = greeter;
    }

    public RpcServer Server { get; }

    public Greeter Greeter { get; }

    public static async Task<ProtobufTestServer> StartAsync()
    {
        var greeter = new Greeter();
        var server = new RpcServerBuilder()
            .AddService<IGreeter>(greeter)
            .AddService<ICalculator>(new Calculator())
            .ListenTcp(IPAddress.Loopback, 0)
            .AddProtobuf()
            .Build();
        await server.StartAsync().DefaultTimeout();
        return new ProtobufTestServer(server, greeter);
    }

    public RpcClient CreateClient() => new(Server.EndPoints[0]);

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await Server.DisposeAsync();
    }
}

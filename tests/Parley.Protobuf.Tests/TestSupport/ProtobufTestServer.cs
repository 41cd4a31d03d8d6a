using System.Collections.Concurrent;
using System.Net;
using Parley.Client;
using Parley.Server;

namespace Parley.Protobuf.Tests.TestSupport;

/// <summary>
/// A real TCP server on 127.0.0.1 (free port) serving <see cref="IGreeter"/>, <see cref="ITelemetry"/>,
/// <see cref="ICalculator"/> and <see cref="IRawTelemetry"/>, with the default JSON codec and <c>AddProtobuf()</c>.
/// </summary>
public sealed class ProtobufTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _calls;

    private ProtobufTestServer(RpcServer server, Greeter greeter, ConcurrentQueue<string> calls)
    {
        Server = server;
        Greeter = greeter;
        _calls = calls;
    }

    public RpcServer Server { get; }

    public Greeter Greeter { get; }

    /// <summary>Each call served, as "Service.Method codec" (e.g. "Telemetry.Watch protobuf"), in arrival order.</summary>
    public IReadOnlyCollection<string> Calls => _calls;

    public static async Task<ProtobufTestServer> StartAsync()
    {
        var greeter = new Greeter();
        var calls = new ConcurrentQueue<string>();
        var server = new RpcServerBuilder()
            .AddService<IGreeter>(greeter)
            .AddService<ITelemetry>(new Telemetry())
            .AddService<ICalculator>(new Calculator())
            .AddService<IRawTelemetry>(new RawTelemetry())
            .ListenTcp(IPAddress.Loopback, 0)
            .AddProtobuf()
            .Use(next => context =>
            {
                calls.Enqueue($"{context.Service}.{context.Method} {context.Codec.Name}");
                return next(context);
            })
            .Build();
        await server.StartAsync().DefaultTimeout();
        return new ProtobufTestServer(server, greeter, calls);
    }

    public RpcClient CreateClient() => new(Server.EndPoints[0]);

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await Server.DisposeAsync();
    }
}

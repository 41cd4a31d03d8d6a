using BenchmarkDotNet.Attributes;
using Parley.Client;
using Parley.Codecs;
using Parley.Codecs.MessagePack;
using Parley.Server;
using Parley.Transport;

namespace Parley.Benchmarks.RoundTrip;

/// <summary>
/// One call at a time from an <see cref="RpcClient"/> to an <see cref="RpcServer"/> over the in-memory transport: the
/// whole client and server path (frames, codec, pending-call table, dispatch, both connections' read and write loops)
/// without a socket. Allocations count both sides, since they share the process.
/// </summary>
[MemoryDiagnoser]
public class InMemoryRoundTripBenchmarks
{
    private RpcServer? _server;
    private RpcClient? _client;
    private ICalculator? _proxy;

    /// <summary>The codec the client calls with: <c>json</c> or <c>msgpack</c>.</summary>
    [Params("json", "msgpack")]
    public string Codec { get; set; } = "json";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var transport = new InMemoryTransport("bench-" + Guid.NewGuid().ToString("N"));
        _server = new RpcServerBuilder()
            .AddService<ICalculator>(new Calculator())
            .Listen(_ => transport.Listener)
            .Build();
        await _server.StartAsync();

        var options = new RpcClientOptions
        {
            Codec = Codec == "msgpack" ? MessagePackRpcCodec.Default : JsonRpcCodec.Default,
        };
        _client = new RpcClient(transport.EndPoint, options, transport.Connector);
        await _client.ConnectAsync();
        _proxy = _client.GetService<ICalculator>();
        if (await InvokeByName() != 3 || await InvokeTyped() != 3)
        {
            throw new InvalidOperationException("Add(1, 2) did not return 3");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.StopAsync(TimeSpan.Zero);
            await _server.DisposeAsync();
        }
    }

    /// <summary>An untyped call by service and method name, arguments as an object array.</summary>
    [Benchmark]
    public Task<int> InvokeByName() => _client!.InvokeAsync<int>("X", "Add", [1, 2]);

    /// <summary>The same call through the generated proxy.</summary>
    [Benchmark]
    public Task<int> InvokeTyped() => _proxy!.AddAsync(1, 2);
}

using System.Net;
using System.Runtime.CompilerServices;
using Parley.Client;
using Parley.Codecs;
using Parley.Codecs.MessagePack;
using Parley.Server;

namespace Parley.LoadTest.Systems.Parley;

/// <summary>
/// Parley over TCP with one codec: the generated proxy of <see cref="IEchoService"/> on one <see cref="RpcClient"/>
/// (one multiplexed connection), served by an <see cref="RpcServer"/> with default options.
/// </summary>
internal sealed class ParleySystem(string name, RpcCodec codec) : IBenchSystem
{
    /// <summary><c>parley-tcp-json</c>: the JSON codec.</summary>
    public static ParleySystem Json { get; } = new("parley-tcp-json", JsonRpcCodec.Default);

    /// <summary><c>parley-tcp-msgpack</c>: the MessagePack codec.</summary>
    public static ParleySystem MessagePack { get; } = new("parley-tcp-msgpack", MessagePackRpcCodec.Default);

    public string Name { get; } = name;

    public bool SupportsStreaming => true;

    public async Task<IBenchServer> StartServerAsync(CancellationToken cancellationToken)
    {
        var server = new RpcServerBuilder()
            .AddService<IEchoService>(new EchoService())
            .ListenTcp(IPAddress.Loopback, 0)
            .Build();
        try
        {
            await server.StartAsync(cancellationToken);
            return new Server(server, (IPEndPoint)server.EndPoints[0]);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<IBenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var client = new RpcClient(server, new RpcClientOptions { Codec = codec });
        try
        {
            await client.ConnectAsync(cancellationToken);
            return new Client(client);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private sealed class Server(RpcServer server, IPEndPoint endPoint) : IBenchServer
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }

    private sealed class Client(RpcClient client) : IBenchClient
    {
        private readonly IEchoService _proxy = client.GetService<IEchoService>();

        // The pooling builder keeps this adapter from adding an allocation per call to what Parley itself allocates.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<int> EchoAsync(string text, CancellationToken cancellationToken) =>
            (await _proxy.EchoAsync(text, cancellationToken)).Length;

        public async ValueTask<long> StreamAsync(int count, int payloadBytes, CancellationToken cancellationToken)
        {
            long received = 0;
            await foreach (var text in _proxy.StreamAsync(count, payloadBytes, cancellationToken))
            {
                if (text.Length != payloadBytes)
                {
                    throw new InvalidOperationException($"a streamed message had {text.Length} characters, expected {payloadBytes}");
                }

                received++;
            }

            return received;
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}

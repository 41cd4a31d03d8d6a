using System.Net;
using System.Threading.Channels;

namespace Parley.Transport;

/// <summary>
/// A transport inside one process: connections are pairs of pipes, with no socket and no copy to the kernel. For tests,
/// benchmarks and services that share a process. Give the server <see cref="Listener"/> and the client
/// <see cref="Connector"/> with <see cref="EndPoint"/>. Thread-safe.
/// </summary>
public sealed class InMemoryTransport
{
    private readonly Channel<ITransportConnection> _pending = Channel.CreateUnbounded<ITransportConnection>();

    /// <summary>Creates a transport; <paramref name="maxFrameBytes"/> sizes the pipes like a socket's receive buffer.</summary>
    public InMemoryTransport(string name, long maxFrameBytes = 8L * 1024 * 1024)
    {
        EndPoint = new InMemoryEndPoint(name);
        Listener = new InMemoryListener(this);
        Connector = new InMemoryConnector(this, maxFrameBytes);
    }

    /// <summary>The transport's address.</summary>
    public InMemoryEndPoint EndPoint { get; }

    /// <summary>The server side: accepts the connections <see cref="Connector"/> opens. Disposing it refuses new ones.</summary>
    public ITransportListener Listener { get; }

    /// <summary>The client side: opens connections to <see cref="Listener"/>.</summary>
    public ITransportConnector Connector { get; }

    private sealed class InMemoryListener(InMemoryTransport transport) : ITransportListener
    {
        public EndPoint EndPoint => transport.EndPoint;

        public async ValueTask<ITransportConnection?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            var reader = transport._pending.Reader;
            return await reader.WaitToReadAsync(cancellationToken) && reader.TryRead(out var connection) ? connection : null;
        }

        public ValueTask DisposeAsync()
        {
            transport._pending.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class InMemoryConnector(InMemoryTransport transport, long maxFrameBytes) : ITransportConnector
    {
        public async ValueTask<ITransportConnection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
        {
            if (!transport.EndPoint.Equals(endPoint))
            {
                throw new ArgumentException($"This connector reaches {transport.EndPoint}, not {endPoint}.", nameof(endPoint));
            }

            var (client, server) = InMemoryConnection.CreatePair(transport.EndPoint, maxFrameBytes);
            if (!transport._pending.Writer.TryWrite(server))
            {
                throw new IOException($"Connection refused: nothing listens on {transport.EndPoint}.");
            }

            await Task.Yield(); // connecting completes asynchronously, like a socket's
            return client;
        }
    }
}

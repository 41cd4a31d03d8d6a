using System.IO.Pipelines;
using System.Net;

namespace Parley.Transport;

/// <summary>One end of an in-memory connection: reads what the other end writes, through a pair of pipes.</summary>
internal sealed class InMemoryConnection : ITransportConnection, IDuplexPipe
{
    private readonly Pipe _incoming;
    private readonly Pipe _outgoing;
    private int _closed;

    private InMemoryConnection(Pipe incoming, Pipe outgoing, EndPoint local, EndPoint remote)
    {
        _incoming = incoming;
        _outgoing = outgoing;
        LocalEndPoint = local;
        RemoteEndPoint = remote;
    }

    public IDuplexPipe Pipe => this;

    public PipeReader Input => _incoming.Reader;

    public PipeWriter Output => _outgoing.Writer;

    public EndPoint? LocalEndPoint { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Creates both ends; each one's output is the other's input.</summary>
    public static (InMemoryConnection Client, InMemoryConnection Server) CreatePair(InMemoryEndPoint endPoint, long maxFrameBytes)
    {
        var toServer = new Pipe(TransportPipeOptions.ForReceive(maxFrameBytes));
        var toClient = new Pipe(TransportPipeOptions.ForReceive(maxFrameBytes));
        var clientEnd = new InMemoryEndPoint(endPoint.Name + "#client");
        return (new InMemoryConnection(toClient, toServer, clientEnd, endPoint),
                new InMemoryConnection(toServer, toClient, endPoint, clientEnd));
    }

    /// <summary>The peer's next read fails, as after a connection reset.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _outgoing.Writer.Complete(new ConnectionAbortedException("The in-memory connection was aborted by the peer."));
            _incoming.Reader.Complete();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            // The peer reads what was written, then sees the end of the stream.
            _outgoing.Writer.Complete();
            _incoming.Reader.Complete();
        }

        return ValueTask.CompletedTask;
    }
}

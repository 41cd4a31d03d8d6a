using System.IO.Pipelines;
using System.Net;

namespace Parley.Transport;

/// <summary>
/// The transport seam: one established byte-stream connection. Everything above it (framing, multiplexing, calls) is
/// shared by every transport.
/// </summary>
/// <remarks>
/// <see cref="Pipe"/> is the application side: its input yields the bytes the peer sent and completes when the peer
/// closes; completing its output sends the remaining bytes and then closes the sending direction. One reader and one
/// writer at a time, as for any pipe.
/// </remarks>
public interface ITransportConnection : IAsyncDisposable
{
    /// <summary>The application side of the connection.</summary>
    IDuplexPipe Pipe { get; }

    /// <summary>The local address, when the transport has one.</summary>
    EndPoint? LocalEndPoint { get; }

    /// <summary>The peer's address, when the transport has one.</summary>
    EndPoint? RemoteEndPoint { get; }

    /// <summary>Closes the connection at once, dropping unsent bytes. Safe to call more than once and from any thread.</summary>
    void Abort();
}

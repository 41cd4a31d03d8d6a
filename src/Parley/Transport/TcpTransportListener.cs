using System.Net;
using System.Net.Sockets;

namespace Parley.Transport;

/// <summary>Accepts TCP connections on one address. Thread-safe.</summary>
public sealed class TcpTransportListener : ITransportListener
{
    private readonly Socket _socket;
    private readonly long _maxFrameBytes;
    private int _disposed;

    private TcpTransportListener(Socket socket, long maxFrameBytes)
    {
        _socket = socket;
        _maxFrameBytes = maxFrameBytes;
        EndPoint = socket.LocalEndPoint!;
    }

    /// <inheritdoc/>
    public EndPoint EndPoint { get; }

    /// <summary>Binds and starts listening. Throws <see cref="SocketException"/> when the address is taken.</summary>
    /// <param name="endPoint">The address; port 0 lets the system choose a free port.</param>
    /// <param name="maxFrameBytes">The largest frame the connections will read, which sizes their receive buffers.</param>
    /// <param name="backlog">The accept queue length.</param>
    public static TcpTransportListener Bind(IPEndPoint endPoint, long maxFrameBytes, int backlog = 512)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return new TcpTransportListener(socket, maxFrameBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ITransportConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var accepted = await _socket.AcceptAsync(cancellationToken);
                return new SocketConnection(accepted, _maxFrameBytes);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted || Volatile.Read(ref _disposed) != 0)
            {
                // Closing the socket shuts it down first: an accept that starts meanwhile fails with EINVAL, not as disposed.
                return null;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // The peer gave up while in the accept queue; wait for the next one.
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, 1);
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

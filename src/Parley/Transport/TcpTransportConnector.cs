using System.Net;
using System.Net.Sockets;

namespace Parley.Transport;

/// <summary>Opens TCP connections (host names are resolved on each connect). Thread-safe.</summary>
public sealed class TcpTransportConnector(long maxFrameBytes) : ITransportConnector
{
    /// <inheritdoc/>
    public async ValueTask<ITransportConnection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true; // so that IPv4-mapped addresses (::ffff:a.b.c.d) connect too
        }

        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new SocketConnection(socket, maxFrameBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.TestSupport;

/// <summary>A bare TCP listener on 127.0.0.1 whose connections a test drives by hand as <see cref="RawPeer"/>s.</summary>
public sealed class ScriptedServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ScriptedServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Accepts the next connection and answers its HELLO, as a real server would.</summary>
    public async Task<RawPeer> AcceptAsync(bool sendHello = true)
    {
        var peer = RawPeer.FromAccepted(await _listener.AcceptAsync().DefaultTimeout());
        if (sendHello)
        {
            await peer.SendHelloAsync();
        }

        return peer;
    }

    public void Dispose() => _listener.Dispose();
}

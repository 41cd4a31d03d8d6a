using System.Net;

namespace Parley.Transport;

/// <summary>The transport seam on the server: accepts connections on one bound address.</summary>
public interface ITransportListener : IAsyncDisposable
{
    /// <summary>The bound address (with the actual port when bound to port 0).</summary>
    EndPoint EndPoint { get; }

    /// <summary>Waits for the next connection; returns null once the listener has been disposed.</summary>
    ValueTask<ITransportConnection?> AcceptAsync(CancellationToken cancellationToken = default);
}

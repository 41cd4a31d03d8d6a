using System.Net;

namespace Parley.Transport;

/// <summary>The transport seam on the client: opens connections to an address.</summary>
public interface ITransportConnector
{
    /// <summary>Connects to <paramref name="endPoint"/>; throws when the peer cannot be reached.</summary>
    ValueTask<ITransportConnection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default);
}

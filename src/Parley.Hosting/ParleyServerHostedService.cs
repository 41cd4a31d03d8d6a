using Microsoft.Extensions.Hosting;
using Parley.Server;

namespace Parley.Hosting;

/// <summary>Runs the container's <see cref="RpcServer"/> for the host's lifetime.</summary>
internal sealed class ParleyServerHostedService(RpcServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    /// <summary>
    /// Drains: calls in flight get up to the server's drain timeout, cut short when the host's shutdown timeout fires
    /// <paramref name="cancellationToken"/>; then the rest are cancelled and connections closed.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}

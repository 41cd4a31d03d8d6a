using System.Net;
using Microsoft.AspNetCore.Builder;

namespace Parley.LoadTest.Systems;

/// <summary>A started Kestrel application serving one of the HTTP peers, on 127.0.0.1 with the port the OS chose.</summary>
internal sealed class KestrelBenchServer : IBenchServer
{
    private readonly WebApplication _app;

    private KestrelBenchServer(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Starts <paramref name="app"/> (disposing it when it cannot start) and says where it listens.</summary>
    public static async Task<IBenchServer> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
            return new KestrelBenchServer(app, new IPEndPoint(IPAddress.Loopback, new Uri(app.Urls.Single()).Port));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net;

namespace Parley.LoadTest.Systems;

/// <summary>What the two HTTP peers' clients share: one HttpClient on one handler, opened before it is measured.</summary>
internal static class HttpPeerClients
{
    /// <summary>An HttpClient for <paramref name="server"/> speaking exactly <paramref name="version"/>.</summary>
    public static HttpClient Create(IPEndPoint server, SocketsHttpHandler handler, Version version)
    {
        // Service-to-service calls do not go through a proxy; an HTTP_PROXY in the environment must not change that.
        handler.UseProxy = false;
        return new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{server}/"),
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,

            // The load tool bounds every call with its own token; the default 100 s would also count the queueing.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// HttpClient connects on the first request: make it here, so that connection errors surface here and the first
    /// measured call does not pay for the connection (nor, for HTTP/2, the preface).
    /// </summary>
    public static async Task<IBenchClient> OpenAsync(IBenchClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.EchoAsync("x", cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }
}

using System.Net;

namespace Parley.LoadTest.Systems;

/// <summary>
/// One system the load tool measures (Parley with a codec, or a peer such as raw sockets or ASP.NET Core), behind the
/// same two halves so that every system pays the same harness cost: a server started in the server process, and a
/// client connection in the load process.
/// </summary>
/// <remarks>
/// The workload is an echo: a request carries a text of exactly <c>payloadBytes</c> ASCII characters and the response
/// carries the same text back. Streaming sends <c>count</c> messages of that size from the server. Every system keeps
/// ONE connection per client, shared by all callers: multiplexed where the protocol allows it; over HTTP/1.1, which
/// cannot multiplex, concurrent callers wait for the single connection (see the peer's remarks).
/// </remarks>
public interface IBenchSystem
{
    /// <summary>The name in results and reports, e.g. <c>parley-tcp-json</c>, <c>raw-socket</c>, <c>http1-json</c>, <c>http2</c>.</summary>
    string Name { get; }

    /// <summary>Whether <see cref="IBenchClient.StreamAsync"/> is supported (workload W4).</summary>
    bool SupportsStreaming { get; }

    /// <summary>Starts the server on 127.0.0.1 with a port the OS chooses; the result says where and stops it.</summary>
    Task<IBenchServer> StartServerAsync(CancellationToken cancellationToken);

    /// <summary>Opens one client connection to <paramref name="server"/>, shared by every caller of the returned client.</summary>
    Task<IBenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken);
}

/// <summary>A running server of one system.</summary>
public interface IBenchServer : IAsyncDisposable
{
    /// <summary>Where clients connect.</summary>
    IPEndPoint EndPoint { get; }
}

/// <summary>One client connection; thread-safe: many callers use it at once.</summary>
public interface IBenchClient : IAsyncDisposable
{
    /// <summary>Sends <paramref name="text"/> and returns the echoed text's length (the caller checks it).</summary>
    ValueTask<int> EchoAsync(string text, CancellationToken cancellationToken);

    /// <summary>Asks the server for <paramref name="count"/> messages of <paramref name="payloadBytes"/> characters; returns how many arrived.</summary>
    ValueTask<long> StreamAsync(int count, int payloadBytes, CancellationToken cancellationToken);
}

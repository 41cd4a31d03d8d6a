namespace Parley.Client;

/// <summary>Where a client's calls get their connection: one server address, or the instances of a service.</summary>
internal interface IConnectionSource : IAsyncDisposable
{
    /// <summary>The connection new calls go to when there is exactly one (for tests and diagnostics), else null.</summary>
    ClientConnection? CurrentConnection { get; }

    /// <summary>Calls in flight on all connections.</summary>
    int PendingCalls { get; }

    /// <summary>A connection for one call that accepts calls, connecting first if needed.</summary>
    ValueTask<ClientConnection> GetConnectionAsync(CallOptions? options, CancellationToken cancellationToken);

    /// <summary>Waits until a connection is open (for <see cref="RpcClient.ConnectAsync"/>).</summary>
    ValueTask<ClientConnection> ConnectAsync(CancellationToken cancellationToken);
}

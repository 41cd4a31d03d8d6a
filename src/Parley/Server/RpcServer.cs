using System.Diagnostics.Metrics;
using System.Net;
using Parley.Transport;

namespace Parley.Server;

/// <summary>
/// Serves registered services on one or more listeners. Build it with <see cref="RpcServerBuilder"/>, then
/// <see cref="StartAsync"/>; <see cref="StopAsync(CancellationToken)"/> drains gracefully. Thread-safe.
/// </summary>
public sealed partial class RpcServer : IAsyncDisposable
{
    private readonly ServerRuntime _runtime;
    private readonly IReadOnlyList<Func<ITransportListener>> _listenerFactories;
    private readonly List<ITransportListener> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly HashSet<ServerConnection> _connections = [];
    private readonly Lock _gate = new();
    private readonly Meter _meter;
    private Task? _stopping;
    private int _state; // 0 new, 1 started, 2 stopping

    internal RpcServer(ServerRuntime runtime, IReadOnlyList<Func<ITransportListener>> listenerFactories)
    {
        _runtime = runtime;
        _listenerFactories = listenerFactories;
        _meter = runtime.Meter;
    }

    /// <summary>The bound addresses, with actual ports; empty until started.</summary>
    public IReadOnlyList<EndPoint> EndPoints
    {
        get
        {
            lock (_gate)
            {
                return [.. _listeners.Select(l => l.EndPoint)];
            }
        }
    }

    /// <summary>The registered service names.</summary>
    public IReadOnlyCollection<string> Services => _runtime.Registry.ServiceNames;

    /// <summary>The server's counters now.</summary>
    public RpcServerStatistics Statistics
    {
        get
        {
            var counters = _runtime.Counters;
            return new(counters.ActiveCalls, counters.Connections, counters.CallsCompleted, counters.ProtocolErrors);
        }
    }

    /// <summary>The meter holding this server's instruments.</summary>
    public Meter Meter => _meter;

    /// <summary>The connections open now (for tests and diagnostics).</summary>
    internal IReadOnlyList<ServerConnection> OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Binds every listener and starts accepting connections.</summary>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">An address could not be bound.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The server has already been started.");
        }

        try
        {
            foreach (var factory in _listenerFactories)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var listener = factory();
                lock (_gate)
                {
                    _listeners.Add(listener);
                }

                ServerLog.Listening(_runtime.Logger, listener.EndPoint);
            }
        }
        catch
        {
            foreach (var listener in _listeners)
            {
                listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        foreach (var listener in _listeners)
        {
            _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(listener), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully: no new connections, GOAWAY to every client, running calls get up to
    /// <see cref="RpcServerOptions.DrainTimeout"/> (or until <paramref name="cancellationToken"/> fires) to finish,
    /// then the rest are cancelled and every connection is closed. Safe to call more than once.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => StopAsync(_runtime.Options.DrainTimeout, cancellationToken);

    /// <summary>Stops gracefully, waiting at most <paramref name="drainTimeout"/> for running calls (zero: cancel them at once).</summary>
    public Task StopAsync(TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _state = 2;
            return _stopping ??= StopCoreAsync(drainTimeout, cancellationToken);
        }
    }

    private async Task StopCoreAsync(TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        // Out of the registry first, so that clients stop choosing this server while it still serves them.
        await DeregisterAllAsync(cancellationToken);
        ITransportListener[] listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            await listener.DisposeAsync();
        }

        await Task.WhenAll(_acceptLoops);
        ServerConnection[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        ServerLog.Draining(_runtime.Logger, connections.Length, _runtime.Counters.ActiveCalls);
        if (drainTimeout > TimeSpan.Zero)
        {
            try
            {
                await Task.WhenAll(connections.Select(c => c.DrainAsync()))
                    .WaitAsync(drainTimeout, _runtime.Options.TimeProvider, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                ServerLog.DrainTimedOut(_runtime.Logger, drainTimeout, _runtime.Counters.ActiveCalls);
            }
        }

        var reason = new RpcException(StatusCode.Unavailable, "the server has stopped");
        await Task.WhenAll(connections.Select(c => c.CloseAsync(reason)));
    }

    private async Task AcceptLoopAsync(ITransportListener listener)
    {
        while (await listener.AcceptAsync() is { } transport)
        {
            var connection = new ServerConnection(transport, _runtime);
            bool accepted;
            lock (_gate)
            {
                accepted = _state == 1 && _connections.Count < _runtime.Options.MaxConnections;
                if (accepted)
                {
                    _connections.Add(connection);
                }
            }

            _runtime.Counters.ConnectionOpened();
            _ = WatchAsync(connection);
            if (accepted)
            {
                connection.Start();
            }
            else
            {
                _ = connection.StartRefusedAsync(RefusalReason(transport));
            }
        }
    }

    private RpcException RefusalReason(ITransportConnection transport)
    {
        if (Volatile.Read(ref _state) != 1)
        {
            return new RpcException(StatusCode.Unavailable, "the server is shutting down");
        }

        ServerLog.TooManyConnections(_runtime.Logger, transport.RemoteEndPoint, _runtime.Options.MaxConnections);
        return new RpcException(StatusCode.ResourceExhausted,
            $"the server has reached its limit of {_runtime.Options.MaxConnections} connections");
    }

    private async Task WatchAsync(ServerConnection connection)
    {
        await connection.Completion;
        lock (_gate)
        {
            _connections.Remove(connection);
        }

        _runtime.Counters.ConnectionClosed();
    }

    /// <summary>Stops with the default drain timeout and releases the meter.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) != 0)
        {
            await StopAsync();
        }

        foreach (var disposable in _runtime.Disposables)
        {
            disposable.Dispose();
        }

        _meter.Dispose();
    }
}

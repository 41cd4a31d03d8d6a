using System.Net;
using Microsoft.Extensions.Logging;
using Parley.Connections;
using Parley.Transport;

namespace Parley.Client;

/// <summary>
/// The client's link to one server address: hands out the current connection, opens one on first use, and when it
/// drops unexpectedly reconnects in the background with exponential backoff. After a GOAWAY the next call reconnects.
/// Thread-safe.
/// </summary>
/// <remarks>
/// While an attempt has failed and the next is pending, calls fail at once with UNAVAILABLE and the last error, unless
/// they ask to wait for ready. Connections that received GOAWAY stay open until their calls finish.
/// </remarks>
internal sealed class EndpointChannel : IConnectionSource
{
    private readonly EndPoint _endPoint;
    private readonly ITransportConnector _connector;
    private readonly RpcClientOptions _options;
    private readonly ConnectionSettings _settings;
    private readonly ClientCounters _counters;
    private readonly Action? _onStateChanged;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private readonly HashSet<ClientConnection> _connections = [];
    private ClientConnection? _current;
    private RpcException? _lastFailure;
    private Task? _connectLoop;
    private TaskCompletionSource _stateChanged = NewSignal();
    private int _failedAttempts;
    private long _connectionsOpened;

    // stateChanged is called, outside any lock, after a connection opens, fails to open or is lost.
    public EndpointChannel(
        EndPoint endPoint, ITransportConnector connector, RpcClientOptions options, ConnectionSettings settings, ClientCounters counters,
        Action? stateChanged = null)
    {
        _endPoint = endPoint;
        _connector = connector;
        _options = options;
        _settings = settings;
        _counters = counters;
        _onStateChanged = stateChanged;
    }

    /// <summary>True while a connection is open that accepts calls.</summary>
    public bool IsReady => Volatile.Read(ref _current) is { CanStartCalls: true };

    /// <summary>True while the last connection attempt failed and no connection is open: calls would fail at once.</summary>
    public bool IsFailing => Volatile.Read(ref _lastFailure) is not null && Volatile.Read(ref _current) is null;

    /// <summary>How many connections this channel has opened.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>Starts connecting in the background unless a connection is open or being opened.</summary>
    public void StartConnecting()
    {
        lock (_gate)
        {
            if (_current is null && !_disposed.IsCancellationRequested)
            {
                _connectLoop ??= Task.Run(ConnectLoopAsync, CancellationToken.None);
            }
        }
    }

    /// <summary>The connection new calls go to, or null (for tests and diagnostics).</summary>
    public ClientConnection? CurrentConnection => Volatile.Read(ref _current);

    public int PendingCalls
    {
        get
        {
            lock (_gate)
            {
                var total = 0;
                foreach (var connection in _connections)
                {
                    total += connection.PendingCount;
                }

                return total;
            }
        }
    }

    ValueTask<ClientConnection> IConnectionSource.GetConnectionAsync(CallOptions? options, CancellationToken cancellationToken) =>
        GetConnectionAsync(options?.WaitForReady ?? false, cancellationToken);

    public ValueTask<ClientConnection> ConnectAsync(CancellationToken cancellationToken) => GetConnectionAsync(waitForReady: false, cancellationToken);

    /// <summary>Returns a connection that accepts calls, connecting first if needed.</summary>
    public ValueTask<ClientConnection> GetConnectionAsync(bool waitForReady, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is { CanStartCalls: true } ? new(current) : WaitForConnectionAsync(waitForReady, cancellationToken);
    }

    private async ValueTask<ClientConnection> WaitForConnectionAsync(bool waitForReady, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_disposed.IsCancellationRequested)
                {
                    throw new RpcException(StatusCode.Cancelled, "the client has been disposed");
                }

                if (_current is { CanStartCalls: true } current)
                {
                    return current;
                }

                if (!waitForReady && _lastFailure is { } failure)
                {
                    throw new RpcException(StatusCode.Unavailable, $"cannot connect to {_endPoint}: {failure.Detail}");
                }

                _connectLoop ??= Task.Run(ConnectLoopAsync, CancellationToken.None);
                changed = _stateChanged.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    private async Task ConnectLoopAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            int failures;
            lock (_gate)
            {
                failures = _failedAttempts;
            }

            var delay = failures == 0 ? TimeSpan.Zero : Backoff(failures);
            if (delay > TimeSpan.Zero && !await DelayAsync(delay))
            {
                return;
            }

            try
            {
                var connection = await ConnectOnceAsync();
                lock (_gate)
                {
                    _connectLoop = null;
                    if (_disposed.IsCancellationRequested)
                    {
                        connection.Abort(new RpcException(StatusCode.Cancelled, "the client has been disposed"));
                        return;
                    }

                    _current = connection;
                    _connections.Add(connection);
                    _lastFailure = null;
                    SignalLocked();
                }

                _ = WatchAsync(connection, _settings.TimeProvider.GetTimestamp());
                _onStateChanged?.Invoke();
                return;
            }
            catch (Exception ex) when (!_disposed.IsCancellationRequested)
            {
                var failure = ex is OperationCanceledException
                    ? $"connect timed out after {_options.ConnectTimeout.TotalMilliseconds:0} ms"
                    : ex.Message;
                int attempt;
                lock (_gate)
                {
                    attempt = ++_failedAttempts;
                    _lastFailure = new RpcException(StatusCode.Unavailable, failure, ex);
                    SignalLocked();
                }

                ClientLog.ConnectFailed(_settings.Logger, _endPoint, attempt, failure);
                _onStateChanged?.Invoke();
            }
            catch (Exception)
            {
                return; // disposed while connecting
            }
        }
    }

    private async Task<ClientConnection> ConnectOnceAsync()
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _settings.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposed.Token);
        var transport = await _connector.ConnectAsync(_endPoint, linked.Token);
        var connection = new ClientConnection(transport, _settings, _options.MaxPendingCalls, _counters, OnGoAway);
        connection.Start();
        _counters.ConnectionOpened();
        Interlocked.Increment(ref _connectionsOpened);
        ClientLog.Connected(_settings.Logger, _endPoint, connection.Id);
        return connection;
    }

    // Waits for the connection to end, then starts reconnecting if it was the current one.
    private async Task WatchAsync(ClientConnection connection, long openedAt)
    {
        await connection.Completion;
        lock (_gate)
        {
            _connections.Remove(connection);
            if (_current == connection)
            {
                // It dropped unexpectedly (a GOAWAY would have retired it already). A connection that was healthy for a
                // while is replaced at once, with a fresh backoff; one that died soon after opening counts as a failed
                // attempt, so a server that accepts and drops cannot cause a tight reconnect loop.
                _failedAttempts = _settings.TimeProvider.GetElapsedTime(openedAt) > _options.ReconnectMaxBackoff
                    ? 0
                    : _failedAttempts + 1;
                _current = null;
                _lastFailure = null;
                StartReconnectLocked();
            }
        }

        _onStateChanged?.Invoke();
    }

    // A GOAWAY with status OK is an orderly goodbye (drain or idle timeout): the next call opens a new connection, but
    // nothing reconnects eagerly, or an idle client and an idle-closing server would replace connections forever.
    // Any other status (a connection limit, a protocol error) counts as a failed attempt, so retries back off.
    private void OnGoAway(ClientConnection connection, StatusCode status, string message)
    {
        lock (_gate)
        {
            if (_current != connection)
            {
                return;
            }

            _current = null;
            if (status == StatusCode.Ok)
            {
                _failedAttempts = 0; // the server is healthy and asked for a new connection
                _lastFailure = null;
                SignalLocked();
                return;
            }

            _failedAttempts++;
            var what = status is StatusCode.ResourceExhausted or StatusCode.Unavailable ? "refused" : "closed";
            _lastFailure = new RpcException(StatusCode.Unavailable, $"the server {what} the connection: {message}");
            StartReconnectLocked();
        }

        _onStateChanged?.Invoke();
    }

    private void StartReconnectLocked()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _connectLoop ??= Task.Run(ConnectLoopAsync, CancellationToken.None);
        }

        SignalLocked();
    }

    private void SignalLocked()
    {
        _stateChanged.TrySetResult();
        _stateChanged = NewSignal();
    }

    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - 1, 30);
        var ideal = _options.ReconnectInitialBackoff.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(ideal, _options.ReconnectMaxBackoff.TotalMilliseconds);
        // ±20% jitter so that many clients of one restarted server do not reconnect in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    private async Task<bool> DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _settings.TimeProvider, _disposed.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask DisposeAsync() => CloseAsync(new RpcException(StatusCode.Cancelled, "the client has been disposed"));

    /// <summary>Closes every connection; calls still running on them fail with <paramref name="reason"/>.</summary>
    public async ValueTask CloseAsync(RpcException reason)
    {
        ClientConnection[] connections;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            connections = [.. _connections];
            _connections.Clear();
            _current = null;
            SignalLocked();
        }

        foreach (var connection in connections)
        {
            await connection.CloseAsync(reason);
        }

        _disposed.Dispose();
    }
}

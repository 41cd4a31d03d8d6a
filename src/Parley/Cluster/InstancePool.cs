using System.Net;
using Parley.Client;
using Parley.Connections;
using Parley.Transport;

namespace Parley.Cluster;

/// <summary>
/// The connections to one instance: at least <see cref="ConnectionPoolOptions.MinConnections"/>, opened at once, and
/// another (up to the maximum) whenever every open one carries <see cref="ConnectionPoolOptions.CallsPerConnection"/>
/// calls. Each connection reconnects on its own. Calls go to the least busy open connection. Thread-safe.
/// </summary>
internal sealed class InstancePool : IAsyncDisposable
{
    private readonly EndPoint _address;
    private readonly ITransportConnector _connector;
    private readonly RpcClientOptions _options;
    private readonly ConnectionSettings _settings;
    private readonly ClientCounters _counters;
    private readonly ConnectionPoolOptions _pool;
    private readonly Action _stateChanged;
    private readonly Lock _gate = new();
    private EndpointChannel[] _channels = [];
    private long _calls;
    private bool _disposed;

    public InstancePool(
        EndPoint address, ITransportConnector connector, RpcClientOptions options, ConnectionSettings settings, ClientCounters counters,
        Action stateChanged)
    {
        _address = address;
        _connector = connector;
        _options = options;
        _settings = settings;
        _counters = counters;
        _pool = options.Cluster.ConnectionPool;
        _stateChanged = stateChanged;
        for (var i = 0; i < _pool.MinConnections; i++)
        {
            AddChannel().StartConnecting();
        }
    }

    /// <summary>True when no connection is open and the last attempt to open one failed.</summary>
    public bool IsFailing
    {
        get
        {
            var channels = Volatile.Read(ref _channels);
            if (channels.Length == 0)
            {
                return false;
            }

            foreach (var channel in channels)
            {
                if (!channel.IsFailing)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Calls in flight on all connections.</summary>
    public int PendingCalls => (int)Sum(static channel => channel.PendingCalls);

    /// <summary>Connections open now that accept calls.</summary>
    public int OpenConnections => (int)Sum(static channel => channel.IsReady ? 1 : 0);

    /// <summary>Connections opened so far, reconnections included.</summary>
    public long ConnectionsOpened => Sum(static channel => channel.ConnectionsOpened);

    public TimeProvider Time => _settings.TimeProvider;

    /// <summary>Calls given a connection so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    private long Sum(Func<EndpointChannel, long> measure)
    {
        long total = 0;
        foreach (var channel in Volatile.Read(ref _channels))
        {
            total += measure(channel);
        }

        return total;
    }

    /// <summary>The open connections now (for heartbeats).</summary>
    public IEnumerable<ClientConnection> Connections
    {
        get
        {
            foreach (var channel in Volatile.Read(ref _channels))
            {
                if (channel.CurrentConnection is { } connection)
                {
                    yield return connection;
                }
            }
        }
    }

    /// <summary>The least busy open connection, opening another when all are busy; connects first when none is open.</summary>
    public ValueTask<ClientConnection> GetConnectionAsync(bool waitForReady, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var channels = Volatile.Read(ref _channels);
        ClientConnection? best = null;
        foreach (var channel in channels)
        {
            if (channel.CurrentConnection is { CanStartCalls: true } connection
                && (best is null || connection.PendingCount < best.PendingCount))
            {
                best = connection;
            }
        }

        if (best is not null)
        {
            if (best.PendingCount >= _pool.CallsPerConnection && channels.Length < _pool.MaxConnections)
            {
                Grow(channels.Length);
            }

            return new(best);
        }

        var first = channels.Length > 0 ? channels[0] : Grow(0);
        return first is null
            ? ValueTask.FromException<ClientConnection>(new RpcException(StatusCode.Unavailable, $"the connections to {_address} are closed"))
            : first.GetConnectionAsync(waitForReady, cancellationToken);
    }

    // Adds a channel unless another caller already did (seen = the count the caller saw) or the pool is closed.
    private EndpointChannel? Grow(int seen)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            if (_channels.Length != seen || _channels.Length >= _pool.MaxConnections)
            {
                return _channels.Length > 0 ? _channels[0] : null;
            }

            var channel = AddChannel();
            channel.StartConnecting();
            return channel;
        }
    }

    private EndpointChannel AddChannel()
    {
        var channel = new EndpointChannel(_address, _connector, _options, _settings, _counters, _stateChanged);
        lock (_gate)
        {
            _channels = [.. _channels, channel];
        }

        return channel;
    }

    /// <summary>Starts a connection if none is open or being opened (to probe an instance back in).</summary>
    public void EnsureConnecting()
    {
        var channels = Volatile.Read(ref _channels);
        if (channels.Length == 0)
        {
            Grow(0);
        }
        else
        {
            channels[0].StartConnecting();
        }
    }

    /// <summary>Waits until no call is in flight (or <paramref name="gracePeriod"/> passes), then closes every connection.</summary>
    public async Task RetireAsync(TimeSpan gracePeriod)
    {
        var time = _settings.TimeProvider;
        var started = time.GetTimestamp();
        while (PendingCalls > 0 && time.GetElapsedTime(started) < gracePeriod)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time);
        }

        await CloseAsync(new RpcException(StatusCode.Unavailable,
            $"instance at {_address} left the registry and its calls did not finish within {gracePeriod.TotalSeconds:0} s"));
    }

    public ValueTask DisposeAsync() => CloseAsync(new RpcException(StatusCode.Cancelled, "the client has been disposed"));

    private async ValueTask CloseAsync(RpcException reason)
    {
        EndpointChannel[] channels;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            channels = _channels;
        }

        foreach (var channel in channels)
        {
            await channel.CloseAsync(reason);
        }
    }
}

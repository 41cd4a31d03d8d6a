using Microsoft.Extensions.Logging;
using Parley.Balancing;
using Parley.Client;
using Parley.Connections;
using Parley.Discovery;
using Parley.Transport;

namespace Parley.Cluster;

/// <summary>
/// The client's link to a service found through a registry: follows the registry's snapshots, keeps an
/// <see cref="InstancePool"/> per instance, tells the balancer which instances may take calls (registered healthy,
/// reachable, not ejected, breaker not open), sends heartbeats and probes ejected instances back. Thread-safe.
/// </summary>
/// <remarks>
/// When no instance may take calls but some are registered as healthy, the balancer gets those ("panic" mode), so
/// that calls fail with the real reason, or succeed, rather than find nobody.
/// </remarks>
internal sealed class ClusterChannel : IConnectionSource
{
    private readonly string _service;
    private readonly IServiceRegistry _registry;
    private readonly ITransportConnector _connector;
    private readonly RpcClientOptions _options;
    private readonly ClusterOptions _cluster;
    private readonly ConnectionSettings _settings;
    private readonly ClientCounters _counters;
    private readonly ILogger _logger;
    private readonly ILoadBalancer _balancer;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClusterInstance> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<ClusterInstance> _retiring = [];
    private readonly CancellationTokenSource _stopped = new();
    private readonly TaskCompletionSource _firstSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _queueRefresh;
    private readonly Task _watchLoop;
    private readonly ITimer? _heartbeatTimer;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClusterInstance[] _available = [];
    private ClusterInstance[] _all = [];
    private int _refreshQueued;
    private int _heartbeatRunning;
    private string? _watchFailure;

    public ClusterChannel(
        ServiceEndPoint target, IServiceRegistry registry, ITransportConnector connector, RpcClientOptions options,
        ConnectionSettings settings, ClientCounters counters)
    {
        _service = target.Service;
        _registry = registry;
        _connector = connector;
        _options = options;
        _cluster = options.Cluster;
        _settings = settings;
        _counters = counters;
        _logger = settings.Logger;
        _balancer = _cluster.LoadBalancer() ?? throw new InvalidOperationException("ClusterOptions.LoadBalancer returned null.");
        Budget = new RetryBudget(_cluster.Retry, settings.TimeProvider);
        Invoker = new ClusterInvoker(this, _cluster, settings.TimeProvider);
        _queueRefresh = QueueRefresh;
        _watchLoop = Task.Run(WatchLoopAsync);
        if (_cluster.HealthChecks.HeartbeatsEnabled)
        {
            var period = _cluster.HealthChecks.HeartbeatInterval;
            _heartbeatTimer = settings.TimeProvider.CreateTimer(static state => ((ClusterChannel)state!).OnHeartbeatTick(), this, period, period);
        }
    }

    public string Service => _service;

    public RetryBudget Budget { get; }

    public ClusterInvoker Invoker { get; }

    public TimeProvider Time => _settings.TimeProvider;

    public ClientConnection? CurrentConnection => null;

    public int PendingCalls
    {
        get
        {
            var total = 0;
            foreach (var instance in Volatile.Read(ref _all))
            {
                total += instance.Pool.PendingCalls;
            }

            return total;
        }
    }

    public ClusterStatistics Statistics
    {
        get
        {
            var instances = Volatile.Read(ref _all)
                .OrderBy(static i => i.Instance.Id, StringComparer.Ordinal)
                .Select(static i => new InstanceStatistics(
                    i.Instance.Id, i.Instance.Address, i.State, i.Instance.Weight, i.Endpoint.Outstanding, i.Pool.Calls, i.Failures,
                    i.Pool.OpenConnections, i.Pool.ConnectionsOpened, i.Outliers.Ejections))
                .ToArray();
            return new ClusterStatistics(_service, instances, Invoker.Retries, Invoker.Hedges, Budget.Refused, Invoker.StoppedByDeadline);
        }
    }

    /// <summary>Every instance the client knows now, with its state.</summary>
    public IReadOnlyList<ClusterInstance> Instances => Volatile.Read(ref _all);

    /// <summary>
    /// Picks an instance for an attempt, preferring one the call has not tried. Waits for the registry's first answer,
    /// and, for calls that wait for ready, for an instance to become available; null when there is none.
    /// </summary>
    public async ValueTask<ClusterInstance?> PickAsync(ClusterCall call)
    {
        if (!_firstSnapshot.Task.IsCompleted || (call.WaitForReady && Volatile.Read(ref _available).Length == 0))
        {
            await WaitForInstancesAsync(call.WaitForReady, call.Remaining, call.CancellationToken);
        }

        return Pick(call);
    }

    private ClusterInstance? Pick(ClusterCall call)
    {
        ClusterInstance? first = null;
        var available = Volatile.Read(ref _available);
        for (var i = 0; i <= available.Length; i++)
        {
            if (_balancer.Pick(call.HashKey)?.Owner is not ClusterInstance instance)
            {
                return null;
            }

            if (!call.HasTried(instance))
            {
                return instance;
            }

            first ??= instance;
        }

        // The balancer keeps choosing tried instances (a hash key does): any untried one is better for a retry.
        foreach (var instance in available)
        {
            if (!call.HasTried(instance))
            {
                return instance;
            }
        }

        return first;
    }

    /// <summary>True when an available instance has not been tried by the call yet.</summary>
    public bool HasUntried(ClusterCall call)
    {
        foreach (var instance in Volatile.Read(ref _available))
        {
            if (!call.HasTried(instance))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why no instance could be picked, for the caller's error.</summary>
    public string NoInstanceReason()
    {
        if (!_firstSnapshot.Task.IsCompleted)
        {
            return _watchFailure is { } failure
                ? $"the registry could not be read: {failure}"
                : "the registry has not answered yet";
        }

        var all = Volatile.Read(ref _all);
        if (all.Length == 0)
        {
            return "no instance is registered";
        }

        return "none of its instances takes calls: " + string.Join(", ", all.Select(i => $"{i.Instance.Id} {i.State}"));
    }

    // A connection for a call that is not retried (one-way, streaming): the picked instance, or the next if it is down.
    async ValueTask<ClientConnection> IConnectionSource.GetConnectionAsync(CallOptions? options, CancellationToken cancellationToken)
    {
        var waitForReady = options?.WaitForReady ?? false;
        // Only picking: no request to send, and the caller bounds the wait by the call's timeout.
        var picking = default(OutgoingCall) with { Timeout = Timeout.InfiniteTimeSpan };
        var call = new ClusterCall(picking, false, ClusterInvoker.HashOf(options), waitForReady, Time.GetTimestamp(), Time, cancellationToken);
        RpcException? failure = null;
        for (var attempt = 0; attempt < Math.Max(1, Volatile.Read(ref _all).Length); attempt++)
        {
            var instance = await PickAsync(call);
            if (instance is null)
            {
                break;
            }

            call.Tried(instance);
            try
            {
                return await instance.Pool.GetConnectionAsync(waitForReady, cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                failure = new RpcException(StatusCode.Unavailable, $"instance {instance.Instance.Id} of {_service}: {ex.Detail}", ex);
            }
        }

        throw failure ?? new RpcException(StatusCode.Unavailable, $"no instance of {_service} is available: {NoInstanceReason()}");
    }

    /// <summary>Waits until an available instance has an open connection (for <see cref="RpcClient.ConnectAsync"/>).</summary>
    public async ValueTask<ClientConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            foreach (var instance in Volatile.Read(ref _available))
            {
                if (instance.Pool.Connections.FirstOrDefault(c => c.CanStartCalls) is { } connection)
                {
                    return connection;
                }

                instance.Pool.EnsureConnecting();
            }

            // An opened connection refreshes the instances, which completes `changed`; the short wait is a backstop.
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(100), Time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task WaitForInstancesAsync(bool untilAvailable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var time = Time;
        var started = time.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_firstSnapshot.Task.IsCompleted && (!untilAvailable || _available.Length > 0))
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - time.GetElapsedTime(started);
            if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero)
            {
                return; // the caller reports the deadline
            }

            try
            {
                await changed.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                return; // the caller reports the cancellation
            }
        }
    }

    private async Task WatchLoopAsync()
    {
        var failures = 0;
        while (!_stopped.IsCancellationRequested)
        {
            try
            {
                await foreach (var snapshot in _registry.WatchAsync(_service, _stopped.Token))
                {
                    failures = 0;
                    Apply(snapshot);
                }
            }
            catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The registry promises to keep watching through outages; this is a registry that gave up. The last
                // snapshot stays in force while the watch is started again.
                _watchFailure = ex.Message;
                ClusterLog.WatchFailed(_logger, _service, ex.Message);
                Signal();
            }

            failures++;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * (1 << Math.Min(failures, 6)))), Time, _stopped.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Apply(ServiceSnapshot snapshot)
    {
        List<ClusterInstance>? removed = null;
        lock (_gate)
        {
            if (_stopped.IsCancellationRequested)
            {
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var registered in snapshot.Instances)
            {
                seen.Add(registered.Id);
                if (_instances.TryGetValue(registered.Id, out var known))
                {
                    if (known.Instance.Address.Equals(registered.Address))
                    {
                        known.Update(registered);
                        continue;
                    }

                    (removed ??= []).Add(known); // moved: the old address drains, the new one starts fresh
                }

                _instances[registered.Id] = NewInstance(registered);
                ClusterLog.InstanceAdded(_logger, _service, registered.Id, registered.Address);
            }

            foreach (var (id, known) in _instances)
            {
                if (!seen.Contains(id))
                {
                    (removed ??= []).Add(known);
                }
            }

            if (removed is not null)
            {
                foreach (var gone in removed)
                {
                    if (_instances.TryGetValue(gone.Instance.Id, out var current) && current == gone)
                    {
                        _instances.Remove(gone.Instance.Id);
                    }

                    ClusterLog.InstanceRemoved(_logger, _service, gone.Instance.Id);
                }
            }

            _all = [.. _instances.Values];
            _watchFailure = null;
            RefreshLocked(force: true);
            _firstSnapshot.TrySetResult(); // after the balancer has the instances: calls check this without the lock
        }

        foreach (var gone in removed ?? [])
        {
            // Taken out of the balancer above; calls already on it finish (within the grace period).
            _ = RetireAsync(gone);
        }
    }

    private async Task RetireAsync(ClusterInstance instance)
    {
        lock (_gate)
        {
            _retiring.Add(instance);
        }

        await instance.Pool.RetireAsync(_cluster.RemovedInstanceGracePeriod);
        lock (_gate)
        {
            _retiring.Remove(instance);
        }
    }

    private ClusterInstance NewInstance(ServiceInstance registered)
    {
        var pool = new InstancePool(registered.Address, _connector, _options, _settings, _counters, _queueRefresh);
        return new ClusterInstance(registered, pool, _cluster, Time, _logger, _queueRefresh);
    }

    /// <summary>Recomputes the available instances soon, off the caller's thread (called from connection and breaker events).</summary>
    public void QueueRefresh()
    {
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static channel =>
            {
                Volatile.Write(ref channel._refreshQueued, 0);
                lock (channel._gate)
                {
                    channel.RefreshLocked(force: false);
                }
            }, this, preferLocal: false);
        }
    }

    // Gives the balancer the instances that may take calls, when they changed (always after a registry change, which
    // may have changed weights), and wakes calls waiting for instances.
    private void RefreshLocked(bool force)
    {
        if (_stopped.IsCancellationRequested)
        {
            return;
        }

        var available = new List<ClusterInstance>(_instances.Count);
        foreach (var instance in _instances.Values)
        {
            if (instance.State == InstanceState.Available)
            {
                available.Add(instance);
            }
        }

        if (available.Count == 0)
        {
            foreach (var instance in _instances.Values)
            {
                if (instance.Instance.AcceptsCalls)
                {
                    available.Add(instance); // panic: better a real error than none
                }
            }
        }

        available.Sort(static (a, b) => string.CompareOrdinal(a.Instance.Id, b.Instance.Id));
        if (force || !available.SequenceEqual(_available))
        {
            _available = [.. available];
            _balancer.Update([.. available.Select(static i => i.Endpoint)]);
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private void OnHeartbeatTick()
    {
        if (Interlocked.Exchange(ref _heartbeatRunning, 1) == 0)
        {
            _ = HeartbeatAllAsync();
        }
    }

    // Pings every open connection of every instance; an unanswered ping closes that connection (its calls fail over)
    // and ejects the instance. Ejected instances whose time is up are probed: an answered ping takes them back.
    private async Task HeartbeatAllAsync()
    {
        try
        {
            var checks = new List<Task>();
            foreach (var instance in Volatile.Read(ref _all))
            {
                if (instance.Outliers.IsEjected)
                {
                    if (instance.Outliers.ProbeDue)
                    {
                        checks.Add(ProbeAsync(instance));
                    }

                    continue;
                }

                foreach (var connection in instance.Pool.Connections)
                {
                    checks.Add(HeartbeatAsync(instance, connection));
                }
            }

            await Task.WhenAll(checks);
        }
        finally
        {
            Volatile.Write(ref _heartbeatRunning, 0);
        }
    }

    private async Task HeartbeatAsync(ClusterInstance instance, ClientConnection connection)
    {
        var timeout = _cluster.HealthChecks.HeartbeatTimeout;
        if (await AnsweredAsync(connection, timeout) || connection.IsClosing)
        {
            return;
        }

        connection.Abort(new RpcException(StatusCode.Unavailable,
            $"instance {instance.Instance.Id} did not answer a heartbeat within {timeout.TotalMilliseconds:0} ms"));
        instance.Eject("a heartbeat went unanswered");

        QueueRefresh();
    }

    private async Task ProbeAsync(ClusterInstance instance)
    {
        instance.Pool.EnsureConnecting();
        var connection = instance.Pool.Connections.FirstOrDefault(c => c.CanStartCalls);
        if (connection is null)
        {
            if (instance.Pool.IsFailing)
            {
                instance.Eject("it still cannot be reached");
            }

            return; // still connecting: probed on a later tick
        }

        if (await AnsweredAsync(connection, _cluster.HealthChecks.HeartbeatTimeout))
        {
            instance.Outliers.Return();
            ClusterLog.InstanceReturned(_logger, _service, instance.Instance.Id);
        }
        else if (instance.Eject("its probe went unanswered"))
        {
            connection.Abort(new RpcException(StatusCode.Unavailable, $"instance {instance.Instance.Id} did not answer its probe"));
        }

        QueueRefresh();
    }

    private Task<bool> AnsweredAsync(ClientConnection connection, TimeSpan timeout) =>
        HeartbeatWait.AnsweredAsync(connection.HeartbeatAsync(), timeout, Time, _stopped.Token);

    public async ValueTask DisposeAsync()
    {
        ClusterInstance[] instances;
        lock (_gate)
        {
            if (_stopped.IsCancellationRequested)
            {
                return;
            }

            _stopped.Cancel();
            instances = [.. _instances.Values, .. _retiring];
            _instances.Clear();
            _all = [];
            _available = [];
        }

        Signal();
        _heartbeatTimer?.Dispose();
        try
        {
            await _watchLoop;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var instance in instances)
        {
            await instance.Pool.DisposeAsync();
        }
    }
}

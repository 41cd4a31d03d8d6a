using Microsoft.Extensions.Logging;
using Parley.Discovery;

namespace Parley.Etcd.Internal;

/// <summary>
/// One instance held in etcd under a lease of its own, kept alive every third of its time to live. When etcd no longer
/// has the lease (it expired while this process could not reach etcd, or etcd lost its data) the instance is put again
/// under a new lease, unless another registration holds its key by then. Failures are logged and retried with backoff,
/// never thrown. Disposing deletes the key (only while this registration holds it), then revokes the lease.
/// </summary>
internal sealed class LeaseRegistration : IAsyncDisposable
{
    private readonly EtcdGateway _gateway;
    private readonly EtcdRegistryOptions _options;
    private readonly ILogger _logger;
    private readonly Action<LeaseRegistration> _ended;
    private readonly byte[] _key;
    private readonly byte[] _value;
    private readonly Backoff _backoff;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _keepingAlive = Task.CompletedTask;
    private long _lease;
    private TimeSpan _renewEvery;
    private int _stopping;

    public LeaseRegistration(
        ServiceInstance instance, byte[] key, EtcdGateway gateway, EtcdRegistryOptions options, ILogger logger, Action<LeaseRegistration> ended)
    {
        Instance = instance;
        _key = key;
        _value = InstanceValue.Encode(instance);
        _gateway = gateway;
        _options = options;
        _logger = logger;
        _ended = ended;
        _backoff = new Backoff(options.RetryInitialBackoff, options.RetryMaxBackoff);
    }

    public ServiceInstance Instance { get; }

    /// <summary>
    /// Puts the instance under a new lease, replacing whatever its key held, and starts keeping the lease alive. While
    /// etcd cannot be reached it tries again with backoff until <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <exception cref="EtcdException">etcd refused the registration for a reason retrying cannot fix.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await PutUnderNewLeaseAsync(onlyIfAbsent: false, cancellationToken);
                break;
            }
            catch (EtcdException ex) when (ex.IsTransient)
            {
                var delay = _backoff.Next();
                EtcdLog.RegisterFailed(_logger, Instance.Service, Instance.Id, delay, ex);
                await Task.Delay(delay, _options.TimeProvider, cancellationToken);
            }
        }

        EtcdLog.Registered(_logger, Instance.Service, Instance.Id, _lease);
        _backoff.Reset();
        _keepingAlive = KeepAliveAsync(_stop.Token);
    }

    /// <summary>Deregisters: the key is deleted if this registration still holds it, then the lease is revoked, both
    /// within the request timeout. Never throws.</summary>
    public ValueTask DisposeAsync() => StopAsync(deregister: true);

    /// <summary>A later registration of the same instance in this process replaced this one: stop, and revoke the lease,
    /// which holds no key any more.</summary>
    public void Supersede() => _ = StopAsync(deregister: false).AsTask();

    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        var delay = _renewEvery;
        var failing = false;
        while (true)
        {
            try
            {
                await Task.Delay(delay, _options.TimeProvider, cancellationToken);

                // A renewal gets until the next one is due: one that hangs (a member that died without closing the
                // connection) then fails in time for the next member to be asked before the lease expires.
                if (_lease != 0 && await _gateway.KeepAliveAsync(_lease, _renewEvery, cancellationToken) <= 0)
                {
                    EtcdLog.LeaseLost(_logger, Instance.Service, Instance.Id);
                    _lease = 0;
                }

                if (_lease == 0)
                {
                    if (!await PutUnderNewLeaseAsync(onlyIfAbsent: true, cancellationToken))
                    {
                        return;
                    }

                    EtcdLog.Reregistered(_logger, Instance.Service, Instance.Id, _lease);
                }
                else if (failing)
                {
                    EtcdLog.KeepAliveRecovered(_logger, Instance.Service, Instance.Id);
                }

                failing = false;
                _backoff.Reset();
                delay = _renewEvery;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failing = true;
                delay = _backoff.Next();
                EtcdLog.KeepAliveFailed(_logger, Instance.Service, Instance.Id, delay, ex);
            }
        }
    }

    /// <summary>
    /// Grants a lease and puts the instance under it. With <paramref name="onlyIfAbsent"/> (after the lease was lost) the
    /// put happens only if nobody holds the key: another process may have registered the same id meanwhile, and the
    /// newer registration wins. False when it does; this registration then stops.
    /// </summary>
    private async Task<bool> PutUnderNewLeaseAsync(bool onlyIfAbsent, CancellationToken cancellationToken)
    {
        // A lease granted here whose put then fails holds no key; etcd drops it when it expires.
        var (lease, ttl) = await _gateway.GrantAsync(_options.LeaseTtl, cancellationToken);
        if (onlyIfAbsent)
        {
            var (put, holder) = await _gateway.PutIfAbsentAsync(_key, _value, lease, cancellationToken);
            if (!put)
            {
                EtcdLog.Superseded(_logger, Instance.Service, Instance.Id, holder);
                await RevokeAsync(lease, cancellationToken);
                return false;
            }
        }
        else
        {
            await _gateway.PutAsync(_key, _value, lease, cancellationToken);
        }

        _lease = lease;
        _renewEvery = ttl / 3;
        return true;
    }

    private async ValueTask StopAsync(bool deregister)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            await _stopped.Task;
            return;
        }

        try
        {
            await _stop.CancelAsync();
            await _keepingAlive; // never throws; after it, _lease no longer changes
            _ended(this);
            if (_lease == 0)
            {
                return;
            }

            // Deregistering deletes, then revokes, both within one timeout. Delete first: watchers see the instance go
            // at once, even should the revoke fail. Only while the key is held under this lease: a later registration of
            // the same id may hold it now. The revoke deletes the key as well, should the delete have failed. A
            // superseded registration only revokes its lease, which holds no key any more.
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
            if (deregister)
            {
                try
                {
                    await _gateway.DeleteIfLeaseAsync(_key, _lease, timeout.Token);
                }
                catch (Exception ex)
                {
                    // Best effort, and never thrown: the lease removes the key at the latest when it expires.
                    EtcdLog.DeregisterFailed(_logger, Instance.Service, Instance.Id, ex);
                }
            }

            await RevokeAsync(_lease, timeout.Token);
        }
        finally
        {
            _stop.Dispose();
            _stopped.TrySetResult();
        }
    }

    /// <summary>Revokes <paramref name="lease"/>, best effort: when that fails, etcd drops it once it expires.</summary>
    private async Task RevokeAsync(long lease, CancellationToken cancellationToken)
    {
        try
        {
            await _gateway.RevokeAsync(lease, cancellationToken);
        }
        catch (Exception ex)
        {
            // Never thrown: a superseded registration revokes with nobody awaiting it, possibly after its registry
            // was disposed.
            EtcdLog.RevokeFailed(_logger, Instance.Service, Instance.Id, ex);
        }
    }
}

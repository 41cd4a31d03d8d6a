using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parley.Discovery;
using Parley.Etcd.Internal;

namespace Parley.Etcd;

/// <summary>
/// A registry in etcd v3, reached through etcd's JSON gateway (<c>/v3/kv/*</c>, <c>/v3/lease/*</c>, <c>/v3/watch</c>).
/// Each instance is a key <c>{KeyPrefix}{service}/{id}</c> held under a lease that this registry keeps alive, so an
/// instance whose process dies or loses etcd disappears after <see cref="EtcdRegistryOptions.LeaseTtl"/>; registrations
/// survive etcd restarts and lost leases by registering again. Watches follow etcd's watch stream and recover from
/// compaction and lost connections with a full read. See docs/etcd.md. Thread-safe.
/// </summary>
public sealed class EtcdRegistry : IServiceRegistry, IAsyncDisposable
{
    private readonly EtcdRegistryOptions _options;
    private readonly EtcdGateway _gateway;
    private readonly EtcdKeys _keys;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _registering = new(1, 1);
    private readonly Dictionary<string, LeaseRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _watches = new();
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    /// <summary>A registry on the etcd cluster that <paramref name="options"/> names.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public EtcdRegistry(EtcdRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _gateway = new EtcdGateway(_options);
        _keys = new EtcdKeys(_options.KeyPrefix);
        _logger = _options.LoggerFactory.CreateLogger<EtcdRegistry>();
    }

    /// <summary>
    /// Puts <paramref name="instance"/> under a new lease (replacing any registration with its service and id) and keeps
    /// it registered until the result is disposed: the lease is renewed every third of its time to live, and when etcd
    /// loses it the instance is registered again. Completes once the instance is in etcd; while etcd cannot be reached
    /// it tries again with backoff until <paramref name="cancellationToken"/> fires. Disposing the result deletes the
    /// key (unless a later registration of the same id holds it) and revokes the lease, within the request timeout;
    /// it never throws.
    /// </summary>
    /// <exception cref="ArgumentException">The service name is empty or contains '/', the id is empty, or the address
    /// is neither an IPEndPoint nor a DnsEndPoint.</exception>
    /// <exception cref="EtcdException">etcd refused the registration for a reason retrying cannot fix.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public async ValueTask<IAsyncDisposable> RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        EtcdKeys.ValidateService(instance.Service);
        if (string.IsNullOrEmpty(instance.Id))
        {
            throw new ArgumentException($"The instance of '{instance.Service}' has an empty id.", nameof(instance));
        }

        ObjectDisposedException.ThrowIf(_disposed != 0, this);

        var name = instance.Service + "/" + instance.Id;
        var registration = new LeaseRegistration(
            instance, _keys.Instance(instance.Service, instance.Id), _gateway, _options, _logger, Forget);

        // One registration at a time, so that the order in which this process puts an id is the order in which it
        // decides which registration holds it.
        await _registering.WaitAsync(cancellationToken);
        LeaseRegistration? replaced;
        try
        {
            await registration.StartAsync(cancellationToken);
            lock (_registrations)
            {
                _registrations.TryGetValue(name, out replaced);
                _registrations[name] = registration;
            }
        }
        finally
        {
            _registering.Release();
        }

        replaced?.Supersede();
        if (_disposed != 0)
        {
            await registration.DisposeAsync();
            throw new ObjectDisposedException(nameof(EtcdRegistry));
        }

        return registration;
    }

    /// <summary>Reads the instances of <paramref name="service"/> from etcd now (one range read of its keys); values
    /// that are not instances are skipped. The snapshot's revision is etcd's revision of the read.</summary>
    /// <exception cref="ArgumentException">The service name is empty or contains '/'.</exception>
    /// <exception cref="EtcdException">No member of the cluster answered, or etcd answered with an error.</exception>
    public async ValueTask<ServiceSnapshot> ResolveAsync(string service, CancellationToken cancellationToken = default)
    {
        EtcdKeys.ValidateService(service);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var serviceKey = _keys.Service(service);
        var range = await _gateway.RangeAsync(serviceKey, cancellationToken);
        var instances = new InstanceSet(service, serviceKey, _logger);
        instances.Reset(range.Kvs);
        return new ServiceSnapshot(service, instances.ToList(), range.Header.Revision);
    }

    /// <summary>
    /// The instances of <paramref name="service"/>: the current snapshot first, then a new one after each change etcd
    /// reports, until <paramref name="cancellationToken"/> fires (the enumeration then ends without an exception).
    /// A snapshot's revision is the etcd revision of the change it shows. While etcd cannot be reached nothing is
    /// yielded and the last snapshot stays valid; on reconnecting, and when the watch fell behind a compaction, the
    /// service is read in full and a snapshot is yielded only if it differs. A slow consumer gets the newest snapshot.
    /// </summary>
    /// <exception cref="ArgumentException">The service name is empty or contains '/'.</exception>
    public async IAsyncEnumerable<ServiceSnapshot> WatchAsync(
        string service, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EtcdKeys.ValidateService(service);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);

        // Each snapshot is complete, so a slow watcher only ever needs the newest one.
        var channel = Channel.CreateBounded<ServiceSnapshot>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var watch = new ServiceWatch(service, _keys.Service(service), _gateway, _options, _logger);
        var running = watch.RunAsync(channel.Writer, stop.Token);
        _watches.TryAdd(running, true);
        try
        {
            while (true)
            {
                ServiceSnapshot? snapshot;
                try
                {
                    snapshot = await channel.Reader.WaitToReadAsync(stop.Token) && channel.Reader.TryRead(out var next) ? next : null;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    yield break;
                }

                if (snapshot is null)
                {
                    yield break;
                }

                yield return snapshot;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running; // never throws
            _watches.TryRemove(running, out _);
        }
    }

    /// <summary>
    /// Deregisters every instance this registry still holds (as disposing each registration does), ends its watches and
    /// releases its connections. Never throws; a second call does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync();
        LeaseRegistration[] registrations;
        lock (_registrations)
        {
            registrations = [.. _registrations.Values];
        }

        await Task.WhenAll(registrations.Select(registration => registration.DisposeAsync().AsTask()));
        await Task.WhenAll(_watches.Keys);
        _gateway.Dispose();
        _disposing.Dispose();
    }

    /// <summary>The gateway, for tests that act on etcd directly (compaction, foreign values).</summary>
    internal EtcdGateway Gateway => _gateway;

    private void Forget(LeaseRegistration registration)
    {
        var name = registration.Instance.Service + "/" + registration.Instance.Id;
        lock (_registrations)
        {
            if (_registrations.TryGetValue(name, out var current) && ReferenceEquals(current, registration))
            {
                _registrations.Remove(name);
            }
        }
    }
}

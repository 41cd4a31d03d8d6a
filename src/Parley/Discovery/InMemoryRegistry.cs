using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Parley.Discovery;

/// <summary>
/// A registry held in this process: for tests, samples and services that find each other inside one process. Watchers
/// see every change at once. Thread-safe.
/// </summary>
public sealed class InMemoryRegistry : IServiceRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, ServiceInstance>> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ChannelWriter<ServiceSnapshot>>> _watchers = new(StringComparer.Ordinal);
    private long _revision;

    /// <inheritdoc/>
    public ValueTask<IAsyncDisposable> RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_services.TryGetValue(instance.Service, out var instances))
            {
                _services[instance.Service] = instances = new SortedDictionary<string, ServiceInstance>(StringComparer.Ordinal);
            }

            instances[instance.Id] = instance;
            PublishLocked(instance.Service);
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Registration(this, instance));
    }

    /// <summary>Removes the instance <paramref name="id"/> of <paramref name="service"/>, as if it had died; false when absent.</summary>
    public bool Remove(string service, string id)
    {
        lock (_gate)
        {
            if (!_services.TryGetValue(service, out var instances) || !instances.Remove(id))
            {
                return false;
            }

            PublishLocked(service);
            return true;
        }
    }

    /// <inheritdoc/>
    public ValueTask<ServiceSnapshot> ResolveAsync(string service, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(SnapshotLocked(service));
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ServiceSnapshot> WatchAsync(
        string service, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);

        // Each snapshot is complete, so a slow watcher only ever needs the newest one.
        var channel = Channel.CreateBounded<ServiceSnapshot>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (!_watchers.TryGetValue(service, out var writers))
            {
                _watchers[service] = writers = [];
            }

            writers.Add(channel.Writer);
            channel.Writer.TryWrite(SnapshotLocked(service));
        }

        try
        {
            while (true)
            {
                ServiceSnapshot snapshot;
                try
                {
                    snapshot = await channel.Reader.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                yield return snapshot;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers[service].Remove(channel.Writer);
            }
        }
    }

    private void Deregister(ServiceInstance instance)
    {
        lock (_gate)
        {
            // Only the registration that is still current: a later one with the same id replaced this one.
            if (_services.TryGetValue(instance.Service, out var instances)
                && instances.TryGetValue(instance.Id, out var current) && ReferenceEquals(current, instance))
            {
                instances.Remove(instance.Id);
                PublishLocked(instance.Service);
            }
        }
    }

    private void PublishLocked(string service)
    {
        _revision++;
        if (_watchers.TryGetValue(service, out var writers))
        {
            var snapshot = SnapshotLocked(service);
            foreach (var writer in writers)
            {
                writer.TryWrite(snapshot);
            }
        }
    }

    private ServiceSnapshot SnapshotLocked(string service) =>
        new(service, _services.TryGetValue(service, out var instances) ? [.. instances.Values] : [], _revision);

    private sealed class Registration(InMemoryRegistry registry, ServiceInstance instance) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                registry.Deregister(instance);
            }

            return ValueTask.CompletedTask;
        }
    }
}

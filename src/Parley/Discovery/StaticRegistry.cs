using System.Runtime.CompilerServices;
using Parley.Client;

namespace Parley.Discovery;

/// <summary>
/// A fixed list of instances, given in code or configuration, that never changes. Read-only: instances cannot
/// register. Thread-safe.
/// </summary>
public sealed class StaticRegistry : IServiceRegistry
{
    private readonly Dictionary<string, ServiceSnapshot> _snapshots;

    /// <summary>A registry of <paramref name="instances"/>.</summary>
    /// <exception cref="ArgumentException">Two instances of one service share an id.</exception>
    public StaticRegistry(IEnumerable<ServiceInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        _snapshots = new Dictionary<string, ServiceSnapshot>(StringComparer.Ordinal);
        foreach (var group in instances.GroupBy(instance => instance.Service, StringComparer.Ordinal))
        {
            var sorted = group.OrderBy(instance => instance.Id, StringComparer.Ordinal).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Id == sorted[i - 1].Id)
                {
                    throw new ArgumentException($"Service '{group.Key}' has two instances with id '{sorted[i].Id}'.", nameof(instances));
                }
            }

            _snapshots[group.Key] = new ServiceSnapshot(group.Key, sorted, 1);
        }
    }

    /// <summary>
    /// A registry of one service at <paramref name="addresses"/> (<c>tcp://host:port</c>), each with weight 100, its id
    /// the address itself.
    /// </summary>
    /// <exception cref="FormatException">An address is not <c>tcp://host:port</c>.</exception>
    public static StaticRegistry For(string service, params IEnumerable<string> addresses)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        return new StaticRegistry(addresses.Select(address => new ServiceInstance(service, address, RpcAddress.Parse(address))));
    }

    /// <summary>Not supported: the list is fixed.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ValueTask<IAsyncDisposable> RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A static registry is read-only: list the instance where the registry is made.");

    /// <inheritdoc/>
    public ValueTask<ServiceSnapshot> ResolveAsync(string service, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        return ValueTask.FromResult(Snapshot(service));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ServiceSnapshot> WatchAsync(
        string service, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        yield return Snapshot(service);

        // Nothing ever changes: the watch only waits to be cancelled.
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private ServiceSnapshot Snapshot(string service) =>
        _snapshots.TryGetValue(service, out var snapshot) ? snapshot : new ServiceSnapshot(service, [], 1);
}

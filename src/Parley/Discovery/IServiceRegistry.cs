namespace Parley.Discovery;

/// <summary>
/// Where services register their instances and clients find them. Implementations: <see cref="InMemoryRegistry"/>
/// (tests, one process), <see cref="StaticRegistry"/> (a fixed list) and <see cref="DnsRegistry"/> (A/AAAA records,
/// re-resolved). A registry backed by a store of its own lives in a package of its own. Thread-safe.
/// </summary>
public interface IServiceRegistry
{
    /// <summary>
    /// Registers <paramref name="instance"/> (or replaces the registration with its service and id) and keeps it
    /// registered until <see cref="IAsyncDisposable.DisposeAsync"/> on the result, which deregisters it.
    /// </summary>
    /// <exception cref="NotSupportedException">The registry is read-only (static, DNS).</exception>
    ValueTask<IAsyncDisposable> RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default);

    /// <summary>The instances of <paramref name="service"/> now; an empty snapshot when there are none.</summary>
    ValueTask<ServiceSnapshot> ResolveAsync(string service, CancellationToken cancellationToken = default);

    /// <summary>
    /// The instances of <paramref name="service"/>: the current snapshot first, then a new one after every change, until
    /// <paramref name="cancellationToken"/> fires. While the registry cannot be reached, no snapshot is yielded and the
    /// last one stays valid.
    /// </summary>
    IAsyncEnumerable<ServiceSnapshot> WatchAsync(string service, CancellationToken cancellationToken = default);
}

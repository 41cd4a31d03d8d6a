namespace Parley.Discovery;

/// <summary>
/// Every known instance of one service at one moment. A watch yields a new snapshot whenever the set changes; each is
/// complete, so a consumer never has to apply differences.
/// </summary>
/// <param name="Service">The service name.</param>
/// <param name="Instances">The instances, ordered by id.</param>
/// <param name="Revision">Grows with every change the registry has seen (for etcd, the store's revision).</param>
public sealed record ServiceSnapshot(string Service, IReadOnlyList<ServiceInstance> Instances, long Revision)
{
    /// <summary>The instances balancers may send new calls to.</summary>
    public IEnumerable<ServiceInstance> Serving => Instances.Where(instance => instance.AcceptsCalls);
}

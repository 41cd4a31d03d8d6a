namespace Parley.Balancing;

/// <summary>
/// Picks the instance for one call among those that accept calls. One balancer serves one service; the client gives
/// it the current endpoints whenever they change and asks it for one per call, from many threads at once.
/// </summary>
public interface ILoadBalancer
{
    /// <summary>The endpoints to pick from from now on (all accept calls); may be empty.</summary>
    void Update(IReadOnlyList<BalancerEndpoint> endpoints);

    /// <summary>
    /// The endpoint for one call, or null when there is none. <paramref name="hashKey"/> is the call's key for
    /// balancers that route by key (consistent hash); others ignore it.
    /// </summary>
    BalancerEndpoint? Pick(ulong? hashKey = null);
}

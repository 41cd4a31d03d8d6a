using Parley.Balancing;

namespace Parley.Tests.Cluster;

/// <summary>Always the first endpoint by instance id, so a test knows where a call goes first (a user balancer, too).</summary>
public sealed class FirstInstanceBalancer : ILoadBalancer
{
    private BalancerEndpoint[] _endpoints = [];

    public void Update(IReadOnlyList<BalancerEndpoint> endpoints) =>
        Volatile.Write(ref _endpoints, [.. endpoints.OrderBy(e => e.Instance.Id, StringComparer.Ordinal)]);

    public BalancerEndpoint? Pick(ulong? hashKey = null)
    {
        var endpoints = Volatile.Read(ref _endpoints);
        return endpoints.Length == 0 ? null : endpoints[0];
    }
}

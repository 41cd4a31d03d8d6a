namespace Parley.Balancing;

/// <summary>Each endpoint in turn, ignoring weights. Thread-safe.</summary>
public sealed class RoundRobinBalancer : ILoadBalancer
{
    private BalancerEndpoint[] _endpoints = [];
    private uint _next;

    /// <inheritdoc/>
    public void Update(IReadOnlyList<BalancerEndpoint> endpoints) => Volatile.Write(ref _endpoints, [.. endpoints]);

    /// <inheritdoc/>
    public BalancerEndpoint? Pick(ulong? hashKey = null)
    {
        var endpoints = Volatile.Read(ref _endpoints);
        return endpoints.Length == 0 ? null : endpoints[(int)((Interlocked.Increment(ref _next) - 1) % (uint)endpoints.Length)];
    }
}

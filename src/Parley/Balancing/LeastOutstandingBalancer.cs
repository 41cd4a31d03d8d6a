namespace Parley.Balancing;

/// <summary>
/// The power of two choices: picks two endpoints at random and sends the call to the one with fewer calls in flight.
/// Nearly as good as asking every endpoint, with no shared counter to fight over, and it steers away from a slow
/// instance as its calls pile up. Thread-safe.
/// </summary>
public sealed class LeastOutstandingBalancer : ILoadBalancer
{
    private BalancerEndpoint[] _endpoints = [];

    /// <inheritdoc/>
    public void Update(IReadOnlyList<BalancerEndpoint> endpoints) => Volatile.Write(ref _endpoints, [.. endpoints]);

    /// <inheritdoc/>
    public BalancerEndpoint? Pick(ulong? hashKey = null)
    {
        var endpoints = Volatile.Read(ref _endpoints);
        switch (endpoints.Length)
        {
            case 0:
                return null;
            case 1:
                return endpoints[0];
        }

        var first = Random.Shared.Next(endpoints.Length);
        var second = Random.Shared.Next(endpoints.Length - 1);
        second += second >= first ? 1 : 0; // two different endpoints
        var (a, b) = (endpoints[first], endpoints[second]);
        return b.Outstanding < a.Outstanding ? b : a;
    }
}

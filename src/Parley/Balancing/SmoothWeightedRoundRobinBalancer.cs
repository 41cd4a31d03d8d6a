namespace Parley.Balancing;

/// <summary>
/// Weighted round robin that spreads each endpoint's turns evenly (weights 5:1:1 give a a b a c a a, not a a a a a b c):
/// every pick adds each endpoint's weight to its running score, takes the highest score, and subtracts the total
/// weight from the one taken. Thread-safe.
/// </summary>
public sealed class SmoothWeightedRoundRobinBalancer : ILoadBalancer
{
    private readonly object _gate = new();
    private BalancerEndpoint[] _endpoints = [];
    private long[] _scores = [];

    /// <inheritdoc/>
    public void Update(IReadOnlyList<BalancerEndpoint> endpoints)
    {
        lock (_gate)
        {
            _endpoints = [.. endpoints];
            _scores = new long[_endpoints.Length];
        }
    }

    /// <inheritdoc/>
    public BalancerEndpoint? Pick(ulong? hashKey = null)
    {
        lock (_gate)
        {
            if (_endpoints.Length == 0)
            {
                return null;
            }

            long total = 0;
            var best = 0;
            for (var i = 0; i < _endpoints.Length; i++)
            {
                var weight = Math.Max(1, _endpoints[i].Instance.Weight);
                total += weight;
                _scores[i] += weight;
                if (_scores[i] > _scores[best])
                {
                    best = i;
                }
            }

            _scores[best] -= total;
            return _endpoints[best];
        }
    }
}

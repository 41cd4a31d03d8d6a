namespace Parley.Balancing;

/// <summary>A random endpoint, each with a chance proportional to its weight. Thread-safe.</summary>
public sealed class WeightedRandomBalancer(Random? random = null) : ILoadBalancer
{
    private (BalancerEndpoint[] Endpoints, long[] CumulativeWeights) _state = ([], []);

    /// <inheritdoc/>
    public void Update(IReadOnlyList<BalancerEndpoint> endpoints)
    {
        var cumulative = new long[endpoints.Count];
        long total = 0;
        for (var i = 0; i < endpoints.Count; i++)
        {
            total += Math.Max(1, endpoints[i].Instance.Weight);
            cumulative[i] = total;
        }

        _state = ([.. endpoints], cumulative);
    }

    /// <inheritdoc/>
    public BalancerEndpoint? Pick(ulong? hashKey = null)
    {
        var (endpoints, cumulative) = _state;
        if (endpoints.Length == 0)
        {
            return null;
        }

        long draw;
        if (random is null)
        {
            draw = Random.Shared.NextInt64(cumulative[^1]);
        }
        else
        {
            lock (random) // a Random given by the caller need not be thread-safe
            {
                draw = random.NextInt64(cumulative[^1]);
            }
        }

        var index = Array.BinarySearch(cumulative, draw + 1);
        return endpoints[index >= 0 ? index : ~index];
    }
}

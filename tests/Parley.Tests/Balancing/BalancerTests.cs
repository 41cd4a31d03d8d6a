using System.Net;
using Parley.Balancing;
using Parley.Discovery;

namespace Parley.Tests.Balancing;

public sealed class BalancerTests
{
    [Fact]
    public void RoundRobin_30000Picks_SplitEvenlyAcrossThree()
    {
        var counts = Count(new RoundRobinBalancer(), Endpoints(100, 100, 100), 30_000);

        Assert.All(counts, count => Assert.Equal(10_000, count));
    }

    [Fact]
    public void SmoothWeightedRoundRobin_Weights123_GiveShares123_SpreadThroughTheSequence()
    {
        var balancer = new SmoothWeightedRoundRobinBalancer();
        var counts = Count(balancer, Endpoints(100, 200, 300), 30_000);

        Assert.Equal([5_000, 10_000, 15_000], counts);

        // Smooth: with weights 5:1:1 the heavy endpoint never takes more than two turns in a row.
        var endpoints = Endpoints(500, 100, 100);
        balancer.Update(endpoints);
        var order = string.Concat(Enumerable.Range(0, 7).Select(_ => balancer.Pick()!.Instance.Id));
        Assert.Equal("aabacaa", order);
    }

    [Fact]
    public void WeightedRandom_Weights123_GiveShares123_Within3Percent()
    {
        var counts = Count(new WeightedRandomBalancer(new Random(42)), Endpoints(100, 200, 300), 30_000);

        Assert.InRange(counts[0], 5_000 * 0.97, 5_000 * 1.03);
        Assert.InRange(counts[1], 10_000 * 0.97, 10_000 * 1.03);
        Assert.InRange(counts[2], 15_000 * 0.97, 15_000 * 1.03);
    }

    [Fact]
    public void ConsistentHash_SameKeySameEndpoint_AndAFourthEndpointMovesAboutAQuarterOfTheKeys()
    {
        var balancer = new ConsistentHashBalancer();
        var three = Endpoints(100, 100, 100);
        balancer.Update(three);
        var before = Enumerable.Range(0, 10_000).Select(key => balancer.Pick((ulong)key)!.Instance.Id).ToArray();
        Assert.Equal(before, Enumerable.Range(0, 10_000).Select(key => balancer.Pick((ulong)key)!.Instance.Id));

        // Spread: each of three endpoints holds a fair share of the keys.
        Assert.All(before.GroupBy(id => id), group => Assert.InRange(group.Count(), 2_600, 4_100));

        balancer.Update([.. three, Endpoint("d", 100)]);
        var after = Enumerable.Range(0, 10_000).Select(key => balancer.Pick((ulong)key)!.Instance.Id).ToArray();

        var moved = Enumerable.Range(0, 10_000).Count(key => before[key] != after[key]);
        Assert.InRange(moved, 1_800, 3_200); // about a quarter
        Assert.All(Enumerable.Range(0, 10_000).Where(key => before[key] != after[key]), key => Assert.Equal("d", after[key]));
    }

    [Fact]
    public void ConsistentHash_AnEndpointLeaving_MovesOnlyItsOwnKeys()
    {
        var balancer = new ConsistentHashBalancer();
        var endpoints = Endpoints(100, 100, 100);
        balancer.Update(endpoints);
        var before = Enumerable.Range(0, 5_000).Select(key => balancer.Pick(ConsistentHashBalancer.HashKey($"user-{key}"))!.Instance.Id).ToArray();

        balancer.Update([endpoints[0], endpoints[2]]);

        for (var key = 0; key < 5_000; key++)
        {
            var now = balancer.Pick(ConsistentHashBalancer.HashKey($"user-{key}"))!.Instance.Id;
            Assert.True(before[key] == "b" || now == before[key], $"key {key} moved from {before[key]} to {now}");
        }
    }

    [Fact]
    public void LeastOutstanding_StaysAwayFromTheBusiestEndpoint()
    {
        var balancer = new LeastOutstandingBalancer();
        var endpoints = Endpoints(100, 100, 100);
        balancer.Update(endpoints);
        for (var i = 0; i < 50; i++)
        {
            endpoints[0].CallStarted(); // "a" is slow: its calls pile up
        }

        var counts = Count(balancer, endpoints, 3_000, track: false);

        Assert.Equal(0, counts[0]); // two choices always include a less busy endpoint
        Assert.InRange(counts[1], 1_200, 1_800);
    }

    [Fact]
    public void LeastOutstanding_WithCallsEnding_SpreadsEvenly()
    {
        var counts = Count(new LeastOutstandingBalancer(), Endpoints(100, 100, 100), 30_000);

        Assert.All(counts, count => Assert.InRange(count, 9_000, 11_000));
    }

    [Fact]
    public void EveryBalancer_WithNoEndpoints_PicksNothing()
    {
        ILoadBalancer[] balancers =
        [
            new RoundRobinBalancer(), new SmoothWeightedRoundRobinBalancer(), new WeightedRandomBalancer(),
            new ConsistentHashBalancer(), new LeastOutstandingBalancer(),
        ];

        foreach (var balancer in balancers)
        {
            Assert.Null(balancer.Pick(7));
            balancer.Update([]);
            Assert.Null(balancer.Pick());
        }
    }

    private static BalancerEndpoint Endpoint(string id, int weight) =>
        new(new ServiceInstance("calculator", id, new IPEndPoint(IPAddress.Loopback, 5000 + id[0])) { Weight = weight });

    private static List<BalancerEndpoint> Endpoints(params int[] weights) =>
        [.. weights.Select((weight, i) => Endpoint(((char)('a' + i)).ToString(), weight))];

    // Picks `picks` times; with `track`, each pick is a call that starts and ends at once.
    private static int[] Count(ILoadBalancer balancer, List<BalancerEndpoint> endpoints, int picks, bool track = true)
    {
        balancer.Update(endpoints);
        var counts = new int[endpoints.Count];
        for (var i = 0; i < picks; i++)
        {
            var picked = balancer.Pick()!;
            counts[endpoints.IndexOf(picked)]++;
            if (track)
            {
                picked.CallStarted();
                picked.CallEnded();
            }
        }

        return counts;
    }
}

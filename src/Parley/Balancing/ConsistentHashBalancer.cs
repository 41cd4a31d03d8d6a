using System.Text;

namespace Parley.Balancing;

/// <summary>
/// Routes each call by its hash key to a point on a ring on which every endpoint has <see cref="VirtualNodes"/>
/// points: the same key reaches the same endpoint while it is there, and when an endpoint joins or leaves only the
/// keys next to its points move (about 1/N of them). A call without a key goes to a random endpoint. Thread-safe.
/// </summary>
public sealed class ConsistentHashBalancer(int virtualNodes = 160) : ILoadBalancer
{
    private (ulong[] Points, BalancerEndpoint[] Owners) _ring = ([], []);

    /// <summary>Points per endpoint on the ring: more spread keys more evenly. Default 160.</summary>
    public int VirtualNodes { get; } = virtualNodes > 0 ? virtualNodes : throw new ArgumentOutOfRangeException(nameof(virtualNodes));

    /// <inheritdoc/>
    public void Update(IReadOnlyList<BalancerEndpoint> endpoints)
    {
        // Points come from each instance's id, so an endpoint keeps its place whatever else joins or leaves.
        var points = new List<(ulong Point, BalancerEndpoint Owner)>(endpoints.Count * VirtualNodes);
        foreach (var endpoint in endpoints)
        {
            for (var i = 0; i < VirtualNodes; i++)
            {
                points.Add((Mix(Fnv1a($"{endpoint.Instance.Id}#{i}")), endpoint));
            }
        }

        points.Sort((a, b) => a.Point.CompareTo(b.Point));
        _ring = ([.. points.Select(p => p.Point)], [.. points.Select(p => p.Owner)]);
    }

    /// <inheritdoc/>
    public BalancerEndpoint? Pick(ulong? hashKey = null)
    {
        var (points, owners) = _ring;
        if (points.Length == 0)
        {
            return null;
        }

        if (hashKey is not { } key)
        {
            return owners[Random.Shared.Next(owners.Length)];
        }

        var index = Array.BinarySearch(points, Mix(key));
        index = index >= 0 ? index : ~index;
        return owners[index == points.Length ? 0 : index];
    }

    /// <summary>A stable 64-bit hash of <paramref name="text"/> (the same in every process), for keys made from strings.</summary>
    public static ulong HashKey(string text) => Fnv1a(text);

    // FNV-1a over the UTF-8 bytes; a key is hashed per call, so short ones are encoded on the stack.
    private static ulong Fnv1a(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var utf8 = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, utf8);
        var hash = 14695981039346656037UL;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // Spreads nearby inputs (key 1, key 2...) over the whole ring.
    private static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xbf58476d1ce4e5b9UL;
        value ^= value >> 27;
        value *= 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }
}

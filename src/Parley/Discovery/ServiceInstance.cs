using System.Net;

namespace Parley.Discovery;

/// <summary>
/// One running instance of a service, as a registry holds it: who it is, where to call it, how much traffic it should
/// take relative to the others, what it says about itself, and whether it is serving.
/// </summary>
/// <param name="Service">The service name the instance is registered under (for example <c>calculator</c>).</param>
/// <param name="Id">Unique among the instances of the service; stays the same across re-registrations.</param>
/// <param name="Address">Where to connect: an <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>.</param>
public sealed record ServiceInstance(string Service, string Id, EndPoint Address)
{
    /// <summary>The default weight: an instance of weight 200 gets twice the calls of one of weight 100.</summary>
    public const int DefaultWeight = 100;

    /// <summary>Relative share of calls for weighted balancers; 1 or more.</summary>
    public int Weight { get; init; } = DefaultWeight;

    /// <summary>Free-form labels, such as <c>version</c>, <c>zone</c> and <c>tags</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    /// <summary>Whether the instance is serving, draining or unhealthy.</summary>
    public InstanceHealth Health { get; init; } = InstanceHealth.Healthy;

    /// <summary>Whether balancers may send new calls to it.</summary>
    public bool AcceptsCalls => Health == InstanceHealth.Healthy;

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    /// <summary>Equal when service, id, address, weight, health and every metadata entry are equal.</summary>
    public bool Equals(ServiceInstance? other) =>
        other is not null && Service == other.Service && Id == other.Id && Address.Equals(other.Address)
        && Weight == other.Weight && Health == other.Health && SameMetadata(Metadata, other.Metadata);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Service, Id, Address, Weight, Health, Metadata.Count);

    private static bool SameMetadata(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }
}

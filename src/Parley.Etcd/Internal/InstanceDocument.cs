namespace Parley.Etcd.Internal;

/// <summary>
/// The value stored under an instance's key: <c>{"address":"10.0.0.5:5050","weight":100,"metadata":{…},"health":"healthy"}</c>.
/// Fields other programs add are ignored; the service and id are in the key, not here.
/// </summary>
internal sealed record InstanceDocument(string? Address, int? Weight, Dictionary<string, string?>? Metadata, string? Health);

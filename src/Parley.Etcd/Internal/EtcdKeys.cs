using System.Text;

namespace Parley.Etcd.Internal;

/// <summary>
/// The key layout: an instance is <c>{prefix}{service}/{id}</c>, so the instances of one service are the range of keys
/// that start with <c>{prefix}{service}/</c>. Keys are UTF-8.
/// </summary>
internal sealed class EtcdKeys(string prefix)
{
    /// <summary>Throws when <paramref name="service"/> cannot be part of a key: a '/' in it would let one service's range
    /// hold another service's instances.</summary>
    public static void ValidateService(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        if (service.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The service name '{service}' contains '/', which etcd keys use to separate service from id.", nameof(service));
        }
    }

    public byte[] Instance(string service, string id) => Encoding.UTF8.GetBytes(prefix + service + "/" + id);

    public byte[] Service(string service) => Encoding.UTF8.GetBytes(prefix + service + "/");

    /// <summary>The id in <paramref name="key"/>, which lies in the range of <paramref name="serviceKey"/>; null when empty.</summary>
    public static string? IdOf(ReadOnlySpan<byte> key, ReadOnlySpan<byte> serviceKey) =>
        key.Length > serviceKey.Length && key.StartsWith(serviceKey) ? Encoding.UTF8.GetString(key[serviceKey.Length..]) : null;

    /// <summary>
    /// The end of the range of keys that start with <paramref name="prefix"/>: the prefix with its last byte below 0xFF
    /// raised by one (and the 0xFF bytes after it dropped), as etcd's clients compute it.
    /// </summary>
    public static byte[] RangeEnd(byte[] prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] < 0xFF)
            {
                var end = prefix[..(i + 1)];
                end[i]++;
                return end;
            }
        }

        // Every byte is 0xFF: the range runs to the end of the key space, which etcd spells as a single zero byte.
        return [0];
    }
}

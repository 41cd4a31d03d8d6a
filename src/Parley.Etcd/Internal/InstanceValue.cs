using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Parley.Discovery;

namespace Parley.Etcd.Internal;

/// <summary>Turns an instance into the value stored under its key and back (see <see cref="InstanceDocument"/>).</summary>
internal static class InstanceValue
{
    /// <exception cref="ArgumentException">The address is neither an <see cref="IPEndPoint"/> nor a <see cref="DnsEndPoint"/>.</exception>
    public static byte[] Encode(ServiceInstance instance)
    {
        var address = instance.Address switch
        {
            IPEndPoint ip => ip.ToString(), // [v6]:port for IPv6
            DnsEndPoint dns => dns.Host + ":" + dns.Port.ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentException(
                $"The address of {instance.Service}/{instance.Id} is a {instance.Address.GetType().Name}; etcd holds IPEndPoint or DnsEndPoint addresses.",
                nameof(instance)),
        };
        var metadata = new Dictionary<string, string?>(instance.Metadata.Count, StringComparer.Ordinal);
        foreach (var (key, value) in instance.Metadata)
        {
            metadata[key] = value;
        }

        var document = new InstanceDocument(address, instance.Weight, metadata, instance.Health.ToString().ToLowerInvariant());
        return JsonSerializer.SerializeToUtf8Bytes(document, InstanceJsonContext.Default.InstanceDocument);
    }

    /// <summary>Reads a value someone stored under the key of <paramref name="service"/>/<paramref name="id"/>; false,
    /// with the reason, when it is not an instance.</summary>
    public static bool TryDecode(
        string service, string id, ReadOnlySpan<byte> value,
        [NotNullWhen(true)] out ServiceInstance? instance, [NotNullWhen(false)] out string? problem)
    {
        instance = null;
        InstanceDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(value, InstanceJsonContext.Default.InstanceDocument);
        }
        catch (JsonException ex)
        {
            problem = "not a JSON instance document: " + ex.Message;
            return false;
        }

        problem = document switch
        {
            null => "null instead of a JSON object",
            { Address: null } => "no address",
            { Weight: < 1 } => $"weight {document.Weight} is below 1",
            _ => null,
        };
        if (problem is not null)
        {
            return false;
        }

        if (!TryParseAddress(document!.Address!, out var address))
        {
            problem = $"address '{document.Address}' is not host:port";
            return false;
        }

        var health = ParseHealth(document.Health);
        if (health is null)
        {
            problem = $"health '{document.Health}' is not healthy, draining or unhealthy";
            return false;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, entry) in document.Metadata ?? [])
        {
            if (entry is null)
            {
                problem = $"metadata '{key}' is null";
                return false;
            }

            metadata[key] = entry;
        }

        instance = new ServiceInstance(service, id, address)
        {
            Weight = document.Weight ?? ServiceInstance.DefaultWeight,
            Metadata = metadata,
            Health = health.Value,
        };
        return true;
    }

    /// <summary>Reads <c>host:port</c>, <c>1.2.3.4:port</c> or <c>[v6]:port</c>; the port is required.</summary>
    internal static bool TryParseAddress(string text, [NotNullWhen(true)] out EndPoint? address)
    {
        address = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host[1..^1], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = new IPEndPoint(v6, port);
            return true;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return false; // an IPv6 address without brackets: where it ends and the port starts is ambiguous
        }

        if (IPAddress.TryParse(host, out var v4))
        {
            address = new IPEndPoint(v4, port);
            return true;
        }

        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            return false;
        }

        address = new DnsEndPoint(host, port);
        return true;
    }

    /// <summary>The health a value states; healthy when it states none, null when it is not one we know.</summary>
    private static InstanceHealth? ParseHealth(string? text) => text?.ToLowerInvariant() switch
    {
        null or "healthy" => InstanceHealth.Healthy,
        "draining" => InstanceHealth.Draining,
        "unhealthy" => InstanceHealth.Unhealthy,
        _ => null,
    };
}

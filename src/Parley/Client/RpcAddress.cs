using System.Net;
using Parley.Discovery;

namespace Parley.Client;

/// <summary>
/// Parses client addresses such as <c>tcp://127.0.0.1:5050</c>, <c>tcp://[::1]:5050</c>, <c>tcp://host:5050</c> or
/// <c>registry://calculator</c> (a service found through a registry).
/// </summary>
public static class RpcAddress
{
    private const string RegistryScheme = "registry://";

    /// <summary>
    /// Returns the endpoint of a <c>tcp://host:port</c> address, or a <see cref="ServiceEndPoint"/> for
    /// <c>registry://service</c>. Throws <see cref="FormatException"/> otherwise.
    /// </summary>
    public static EndPoint Parse(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (address.StartsWith(RegistryScheme, StringComparison.OrdinalIgnoreCase))
        {
            var service = address[RegistryScheme.Length..].TrimEnd('/');
            return service.Length > 0 && !service.Contains('/', StringComparison.Ordinal) && !service.Any(char.IsWhiteSpace)
                ? new ServiceEndPoint(service)
                : throw new FormatException($"'{address}' is not a Parley address; expected registry://service-name.");
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != "tcp" || uri.Port <= 0
            || uri.AbsolutePath is not ("" or "/"))
        {
            throw new FormatException($"'{address}' is not a Parley address; expected tcp://host:port or registry://service-name.");
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
            ? new IPEndPoint(ip, uri.Port)
            : new DnsEndPoint(uri.Host, uri.Port);
    }
}

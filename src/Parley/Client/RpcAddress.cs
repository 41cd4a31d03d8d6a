using System.Net;

namespace Parley.Client;

/// <summary>Parses client addresses such as <c>tcp://127.0.0.1:5050</c>, <c>tcp://[::1]:5050</c> or <c>tcp://host:5050</c>.</summary>
public static class RpcAddress
{
    /// <summary>Returns the endpoint of a <c>tcp://host:port</c> address. Throws <see cref="FormatException"/> otherwise.</summary>
    public static EndPoint Parse(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != "tcp" || uri.Port <= 0
            || uri.AbsolutePath is not ("" or "/"))
        {
            throw new FormatException($"'{address}' is not a Parley address; expected tcp://host:port.");
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
            ? new IPEndPoint(ip, uri.Port)
            : new DnsEndPoint(uri.Host, uri.Port);
    }
}

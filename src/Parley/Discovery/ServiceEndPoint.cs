using System.Net;

namespace Parley.Discovery;

/// <summary>
/// A service by name rather than one address: a client created for it (<c>registry://calculator</c>) finds the
/// service's instances in <see cref="Client.RpcClientOptions.Registry"/> and spreads its calls over them.
/// </summary>
public sealed class ServiceEndPoint : EndPoint
{
    /// <summary>Creates an endpoint for <paramref name="service"/>, the name its instances register under.</summary>
    public ServiceEndPoint(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Service = service;
    }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ServiceEndPoint other && other.Service == Service;

    /// <inheritdoc/>
    public override int GetHashCode() => Service.GetHashCode(StringComparison.Ordinal);

    /// <summary>The address form, <c>registry://service</c>.</summary>
    public override string ToString() => "registry://" + Service;
}

using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Parley.Discovery;

/// <summary>
/// Instances from DNS: each service name maps to a host name and port, and every IPv4 and IPv6 address the name
/// resolves to (A and AAAA records) is one instance, its id <c>address:port</c>. Watches resolve again every
/// <see cref="RefreshInterval"/> and yield a snapshot when the addresses change; while resolution fails they keep the
/// last addresses. Read-only. Thread-safe.
/// </summary>
public sealed class DnsRegistry : IServiceRegistry
{
    private readonly Dictionary<string, (string Host, int Port)> _services;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly TimeProvider _time;

    /// <summary>A registry of <paramref name="services"/>: service name → <c>host:port</c>.</summary>
    /// <param name="services">For example <c>["calculator"] = "calculator.internal:5050"</c>.</param>
    /// <param name="resolve">Resolves a host name; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> when null.</param>
    /// <param name="timeProvider">The clock for re-resolving; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="FormatException">A value is not <c>host:port</c>.</exception>
    public DnsRegistry(
        IReadOnlyDictionary<string, string> services,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var (service, hostAndPort) in services)
        {
            _services[service] = ParseHostAndPort(service, hostAndPort);
        }

        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How often a watch resolves again. Default 30 s.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Not supported: DNS records are managed elsewhere.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ValueTask<IAsyncDisposable> RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A DNS registry is read-only: instances are the addresses the name resolves to.");

    /// <summary>Resolves the service's host name now.</summary>
    /// <exception cref="KeyNotFoundException">The service is not one this registry was given.</exception>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public async ValueTask<ServiceSnapshot> ResolveAsync(string service, CancellationToken cancellationToken = default)
    {
        var (host, port) = Find(service);
        var addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
        return ToSnapshot(service, addresses, port, revision: 1);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ServiceSnapshot> WatchAsync(
        string service, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (host, port) = Find(service);
        ServiceSnapshot? last = null;
        var revision = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            IPAddress[]? addresses = null;
            try
            {
                addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException or OperationCanceledException)
            {
                // Keep the last addresses: a DNS hiccup (a failure, or a resolver timing out) must not empty the service.
            }

            if (addresses is not null)
            {
                var snapshot = ToSnapshot(service, addresses, port, revision + 1);
                if (last is null || !last.Instances.SequenceEqual(snapshot.Instances))
                {
                    revision++;
                    last = snapshot;
                    yield return snapshot;
                }
            }

            try
            {
                await Task.Delay(RefreshInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private (string Host, int Port) Find(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        return _services.TryGetValue(service, out var target)
            ? target
            : throw new KeyNotFoundException($"The DNS registry has no entry for service '{service}'.");
    }

    private static ServiceSnapshot ToSnapshot(string service, IPAddress[] addresses, int port, long revision) =>
        new(service,
            addresses
                .Where(address => address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .Select(address => new IPEndPoint(address, port))
                .Distinct()
                .Select(endPoint => new ServiceInstance(service, endPoint.ToString(), endPoint))
                .OrderBy(instance => instance.Id, StringComparer.Ordinal)
                .ToList(),
            revision);

    private static (string, int) ParseHostAndPort(string service, string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostAndPort.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            throw new FormatException($"The DNS entry for '{service}' is '{hostAndPort}'; expected host:port.");
        }

        return (hostAndPort[..colon].Trim('[', ']'), port);
    }
}

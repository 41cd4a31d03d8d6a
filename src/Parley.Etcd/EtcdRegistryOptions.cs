using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Parley.Etcd;

/// <summary>Settings of an <see cref="EtcdRegistry"/>. Validated when the registry is made; later changes have no effect.</summary>
public sealed class EtcdRegistryOptions
{
    /// <summary>The client URLs of the etcd cluster's members (<c>http://host:2379</c>). Requests go to one of them and
    /// move on to the next when it cannot be reached.</summary>
    /// <value>Default <c>http://127.0.0.1:2379</c>.</value>
    public IReadOnlyList<Uri> Endpoints { get; set; } = [new Uri("http://127.0.0.1:2379")];

    /// <summary>Where instances live: the key of an instance is <c>{KeyPrefix}{service}/{id}</c>.</summary>
    /// <value>Default <c>/parley/services/</c>.</value>
    public string KeyPrefix { get; set; } = "/parley/services/";

    /// <summary>
    /// The time to live of the lease each registration is held under: when the registering process stops renewing it
    /// (it died, or it is cut off from etcd), etcd removes the instance this long after the last renewal. The lease is
    /// renewed every third of it. A whole number of seconds.
    /// </summary>
    /// <value>Default 10 s. At least 2 s.</value>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request to etcd may take before it counts as failed (a watch: until it is set up).
    /// Deregistering (delete, then revoke) is bounded by it as a whole.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after the first failure to reach etcd; it doubles on each further failure (with jitter: each wait
    /// is between half and all of it), up to <see cref="RetryMaxBackoff"/>.</summary>
    /// <value>Default 250 ms.</value>
    public TimeSpan RetryInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between attempts to reach etcd.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan RetryMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While a watch is connected, how often it checks that its etcd member still answers (a count-only read of the
    /// service's keys). A connection that died without closing (a network partition) delivers nothing, so without the
    /// check a watch could wait on it forever; when the check fails the watch reconnects.
    /// </summary>
    /// <value>Default 10 s. <see cref="Timeout.InfiniteTimeSpan"/> turns the check off.</value>
    public TimeSpan WatchCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for leases, timeouts and backoff.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the registry logs (failures to reach etcd, lost leases, values it skipped).</summary>
    /// <value>Default <see cref="NullLoggerFactory.Instance"/>.</value>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>The handler that sends the HTTP requests; the registry does not dispose it. For a proxy, client
    /// certificates or tests.</summary>
    /// <value>Default null: the registry makes and owns a <see cref="SocketsHttpHandler"/>.</value>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Endpoints is null || Endpoints.Count == 0)
        {
            throw new ArgumentException("At least one etcd endpoint is required (for example http://127.0.0.1:2379).", nameof(Endpoints));
        }

        foreach (var endpoint in Endpoints)
        {
            if (endpoint is null || !endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
            {
                throw new ArgumentException(
                    $"The etcd endpoint '{endpoint}' is not an absolute http:// or https:// URL without query (for example http://127.0.0.1:2379).",
                    nameof(Endpoints));
            }
        }

        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw new ArgumentException("KeyPrefix must not be empty (for example /parley/services/).", nameof(KeyPrefix));
        }

        if (LeaseTtl < TimeSpan.FromSeconds(2) || LeaseTtl.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"LeaseTtl is {LeaseTtl}; it must be a whole number of seconds, at least 2 s (etcd leases count in seconds).", nameof(LeaseTtl));
        }

        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(RetryInitialBackoff, nameof(RetryInitialBackoff));
        Positive(RetryMaxBackoff, nameof(RetryMaxBackoff));
        if (RetryMaxBackoff < RetryInitialBackoff)
        {
            throw new ArgumentException($"RetryMaxBackoff ({RetryMaxBackoff}) is shorter than RetryInitialBackoff ({RetryInitialBackoff}).", nameof(RetryMaxBackoff));
        }

        if (WatchCheckInterval != Timeout.InfiniteTimeSpan)
        {
            Positive(WatchCheckInterval, nameof(WatchCheckInterval));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
    }

    internal EtcdRegistryOptions Clone()
    {
        var copy = (EtcdRegistryOptions)MemberwiseClone();
        copy.Endpoints = [.. Endpoints];
        return copy;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} is {value}; it must be positive.");
        }
    }
}

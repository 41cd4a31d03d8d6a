using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Cluster;
using Parley.Codecs;
using Parley.Discovery;
using Parley.Protocol;

namespace Parley.Client;

/// <summary>Settings of an <see cref="RpcClient"/>. Validated when the client is created; later changes have no effect.</summary>
public sealed class RpcClientOptions
{
    /// <summary>The codec for calls that do not choose one.</summary>
    /// <value>Default <see cref="JsonRpcCodec.Default"/>.</value>
    public RpcCodec Codec { get; set; } = JsonRpcCodec.Default;

    /// <summary>How long a call may take when it sets neither a timeout nor a deadline; sent to the server as well.</summary>
    /// <value>Default 30 s. <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</value>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a streaming call may take when it sets neither a timeout nor a deadline. Streams often live as long as
    /// their caller, so the default is no limit.
    /// </summary>
    /// <value>Default <see cref="Timeout.InfiniteTimeSpan"/>.</value>
    public TimeSpan DefaultStreamTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long one connection attempt (TCP connect) may take.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most calls in flight on one connection; one more fails at once with RESOURCE_EXHAUSTED.</summary>
    /// <value>Default 4096. Range 1 to 1,000,000.</value>
    public int MaxPendingCalls { get; set; } = 4096;

    /// <summary>After this long without receiving anything, the client sends a PING.</summary>
    /// <value>Default 15 s. <see cref="Timeout.InfiniteTimeSpan"/> turns keepalive off.</value>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after the keepalive interval the server may stay silent before the connection is declared dead.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the server may take to send its HELLO after the connection opens.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed connection attempt; it doubles (with ±20% jitter) on each further failure.</summary>
    /// <value>Default 100 ms. After a connection that was healthy (open longer than <see cref="ReconnectMaxBackoff"/>)
    /// drops, the first attempt is immediate and the backoff starts over.</value>
    public TimeSpan ReconnectInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between reconnect attempts.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan ReconnectMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The limits this client enforces on frames it receives (announced to the server).</summary>
    /// <value>Default <see cref="ProtocolLimits"/> defaults: 4 MiB payload, 8 KiB metadata, 64 entries.</value>
    public ProtocolLimits Limits { get; set; } = new();

    /// <summary>The clock for timeouts, keepalive and backoff.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the client logs.</summary>
    /// <value>Default <see cref="NullLoggerFactory.Instance"/>.</value>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Where a client for a <c>registry://service</c> address finds the service's instances.</summary>
    /// <value>Default null: such an address cannot be used.</value>
    public IServiceRegistry? Registry { get; set; }

    /// <summary>How a client for a <c>registry://service</c> address balances, pools, checks health and retries.</summary>
    /// <value>Default <see cref="ClusterOptions"/> defaults; see docs/balancing.md and docs/resilience.md.</value>
    public ClusterOptions Cluster { get; set; } = new();

    private List<Func<ClientCallHandler, RpcClient, ClientCallHandler>> _middleware = [];

    /// <summary>The middleware added with <c>Use</c>, outermost first.</summary>
    public IReadOnlyList<Func<ClientCallHandler, RpcClient, ClientCallHandler>> Middleware => _middleware;

    /// <summary>
    /// Adds a middleware around every call of the client: it receives the next step and returns its own. Middleware
    /// runs in the order added; each serves all calls concurrently, so it must be thread-safe.
    /// </summary>
    public RpcClientOptions Use(Func<ClientCallHandler, ClientCallHandler> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add((next, _) => middleware(next));
        return this;
    }

    /// <summary>Adds a middleware that needs the client it serves (its meter, its options), created with the client.</summary>
    public RpcClientOptions Use(Func<ClientCallHandler, RpcClient, ClientCallHandler> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Codec);
        ArgumentNullException.ThrowIfNull(Limits);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        ArgumentNullException.ThrowIfNull(Cluster);
        Cluster.Validate();
        OptionsGuard.PositiveOrInfinite(DefaultTimeout, nameof(DefaultTimeout));
        OptionsGuard.PositiveOrInfinite(DefaultStreamTimeout, nameof(DefaultStreamTimeout));
        OptionsGuard.Positive(ConnectTimeout, nameof(ConnectTimeout));
        OptionsGuard.InRange(MaxPendingCalls, 1, 1_000_000, nameof(MaxPendingCalls));
        OptionsGuard.PositiveOrInfinite(KeepAliveInterval, nameof(KeepAliveInterval));
        OptionsGuard.Positive(KeepAliveTimeout, nameof(KeepAliveTimeout));
        OptionsGuard.Positive(HandshakeTimeout, nameof(HandshakeTimeout));
        OptionsGuard.Positive(ReconnectInitialBackoff, nameof(ReconnectInitialBackoff));
        OptionsGuard.Positive(ReconnectMaxBackoff, nameof(ReconnectMaxBackoff));
        Limits.Validate();
    }

    internal RpcClientOptions Clone()
    {
        var copy = (RpcClientOptions)MemberwiseClone();
        copy.Limits = Limits.Clone();
        copy.Cluster = Cluster.Clone();
        copy._middleware = [.. _middleware];
        return copy;
    }
}

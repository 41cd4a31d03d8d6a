using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Codecs;
using Parley.Codecs.MessagePack;
using Parley.Protocol;

namespace Parley.Server;

/// <summary>Settings of an <see cref="RpcServer"/>. Validated when the server is built; later changes have no effect.</summary>
public sealed class RpcServerOptions
{
    /// <summary>
    /// The codecs the server accepts; each request is answered in the codec it used, and a request in a codec not listed
    /// is answered with UNIMPLEMENTED. Add a codec (e.g. Protobuf) to accept it too; remove one to refuse it.
    /// </summary>
    /// <value>Default: JSON (<see cref="JsonRpcCodec.Default"/>) and MessagePack (<see cref="MessagePackRpcCodec.Default"/>).</value>
    public IList<RpcCodec> Codecs { get; private set; } = [JsonRpcCodec.Default, MessagePackRpcCodec.Default];

    /// <summary>The limits enforced on every frame received (and announced to clients in HELLO).</summary>
    /// <value>Default <see cref="ProtocolLimits"/> defaults: 4 MiB payload, 8 KiB metadata, 64 entries.</value>
    public ProtocolLimits Limits { get; set; } = new();

    /// <summary>The most calls one connection may have running; more are answered with RESOURCE_EXHAUSTED.</summary>
    /// <value>Default 4096. Range 1 to 1,000,000.</value>
    public int MaxConcurrentCallsPerConnection { get; set; } = 4096;

    /// <summary>The most open connections; a connection beyond this is told GOAWAY (RESOURCE_EXHAUSTED) and closed.</summary>
    /// <value>Default 10,000. Range 1 to 1,000,000.</value>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>How long a new connection may take to send its HELLO.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no call for this long is closed with GOAWAY (the client reconnects when it needs to).</summary>
    /// <value>Default 10 minutes. <see cref="Timeout.InfiniteTimeSpan"/> keeps idle connections open.</value>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this long without receiving anything from a client, the server sends a PING.</summary>
    /// <value>Default 15 s. <see cref="Timeout.InfiniteTimeSpan"/> turns keepalive off.</value>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after the keepalive interval a client may stay silent before its connection is dropped.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a graceful stop waits for running calls before cancelling them.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When true, a handler's exception is returned with its type and stack trace; otherwise only its message.</summary>
    /// <value>Default false. Turn on in development only: stack traces reveal internals.</value>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>The clock for deadlines, keepalive and idle timeouts.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the server logs.</summary>
    /// <value>Default <see cref="NullLoggerFactory.Instance"/>.</value>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Limits);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        if (Codecs.Count == 0)
        {
            throw new ArgumentException("At least one codec is required.", nameof(Codecs));
        }

        var ids = new HashSet<byte>();
        foreach (var codec in Codecs)
        {
            if (codec is null || codec.Id == CodecIds.None || !ids.Add(codec.Id))
            {
                throw new ArgumentException("Codecs must be non-null, with distinct non-zero ids.", nameof(Codecs));
            }
        }

        OptionsGuard.InRange(MaxConcurrentCallsPerConnection, 1, 1_000_000, nameof(MaxConcurrentCallsPerConnection));
        OptionsGuard.InRange(MaxConnections, 1, 1_000_000, nameof(MaxConnections));
        OptionsGuard.Positive(HandshakeTimeout, nameof(HandshakeTimeout));
        OptionsGuard.PositiveOrInfinite(IdleTimeout, nameof(IdleTimeout));
        OptionsGuard.PositiveOrInfinite(KeepAliveInterval, nameof(KeepAliveInterval));
        OptionsGuard.Positive(KeepAliveTimeout, nameof(KeepAliveTimeout));
        OptionsGuard.Positive(DrainTimeout, nameof(DrainTimeout));
        Limits.Validate();
    }

    internal RpcServerOptions Clone()
    {
        var copy = (RpcServerOptions)MemberwiseClone();
        copy.Codecs = [.. Codecs];
        copy.Limits = Limits.Clone();
        return copy;
    }
}

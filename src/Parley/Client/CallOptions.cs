using Parley.Codecs;
using Parley.Protocol;

namespace Parley.Client;

/// <summary>Per-call settings. Every property is optional; unset ones fall back to <see cref="RpcClientOptions"/>.</summary>
public sealed class CallOptions
{
    /// <summary>How long the call may take, from the moment it starts. Sent to the server, which cancels the handler then.</summary>
    /// <value>Default null: <see cref="RpcClientOptions.DefaultTimeout"/> unless <see cref="Deadline"/> is set.</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The moment by which the call must complete. With <see cref="Timeout"/> too, the earlier one wins.</summary>
    /// <value>Default null.</value>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Extra metadata sent with the request (e.g. an auth token or a trace id).</summary>
    /// <value>Default null.</value>
    public RpcMetadata? Metadata { get; init; }

    /// <summary>The codec for this call.</summary>
    /// <value>Default null: <see cref="RpcClientOptions.Codec"/>.</value>
    public RpcCodec? Codec { get; init; }

    /// <summary>
    /// When true, a call made while the server is unreachable waits (within its timeout) for a connection instead of
    /// failing at once with UNAVAILABLE.
    /// </summary>
    /// <value>Default false.</value>
    public bool WaitForReady { get; init; }
}

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

    /// <summary>
    /// True when the method is safe to run more than once: a client calling a service through a registry may then
    /// retry it after failures that leave it unknown whether it ran, and hedge it. Set by generated proxies for
    /// methods marked <see cref="IdempotentAttribute"/>.
    /// </summary>
    /// <value>Default false: only calls the server surely did not run are retried.</value>
    public bool Idempotent { get; init; }

    /// <summary>
    /// The call's routing key for a consistent-hash balancer (for example a user id): calls with the same key go to
    /// the same instance while it is available. Other balancers ignore it.
    /// </summary>
    /// <value>Default null.</value>
    public string? HashKey { get; init; }

    /// <summary>
    /// Combines two sets of options: each property comes from <paramref name="preferred"/> when set there, else from
    /// <paramref name="fallback"/>. Metadata entries of both are kept, preferred first. Returns null when both are null.
    /// </summary>
    public static CallOptions? Merge(CallOptions? preferred, CallOptions? fallback)
    {
        if (preferred is null || fallback is null)
        {
            return preferred ?? fallback;
        }

        // A timeout or a deadline set on the preferred side wins as a pair: mixing would tighten it unexpectedly.
        var preferredSetsTime = preferred.Timeout is not null || preferred.Deadline is not null;
        return new CallOptions
        {
            Timeout = preferredSetsTime ? preferred.Timeout : fallback.Timeout,
            Deadline = preferredSetsTime ? preferred.Deadline : fallback.Deadline,
            Metadata = MergeMetadata(preferred.Metadata, fallback.Metadata),
            Codec = preferred.Codec ?? fallback.Codec,
            WaitForReady = preferred.WaitForReady || fallback.WaitForReady,
            Idempotent = preferred.Idempotent || fallback.Idempotent,
            HashKey = preferred.HashKey ?? fallback.HashKey,
        };
    }

    private static RpcMetadata? MergeMetadata(RpcMetadata? preferred, RpcMetadata? fallback)
    {
        if (preferred is null || fallback is null)
        {
            return preferred ?? fallback;
        }

        var merged = new RpcMetadata();
        foreach (var (key, value) in preferred.Concat(fallback))
        {
            merged.Add(key, value);
        }

        return merged;
    }
}

using System.Buffers;
using System.Net;
using System.Security.Claims;
using Parley.Codecs;
using Parley.Contracts;
using Parley.Protocol;

namespace Parley.Server;

/// <summary>
/// What a handler and the middleware know about the call being served. A reflection-bound handler receives it by
/// declaring a parameter of this type. Used by one call at a time; not thread-safe. Valid until the call completes:
/// the server reuses the object (and its <see cref="CancellationToken"/>'s source) for a later call, so keep the values
/// needed afterwards, not the context.
/// </summary>
public sealed partial class ServerCallContext
{
    private Dictionary<object, object?>? _items;

    internal ServerCallContext()
    {
    }

    /// <summary>Fills the context for one call.</summary>
    internal void Begin(
        string service, RpcMethodDefinition method, RpcMetadata requestMetadata, DateTimeOffset? deadline, EndPoint? peer,
        RpcCodec codec, ReadOnlySequence<byte> payload, ServerCall call, CancellationToken cancellationToken)
    {
        Service = service;
        Definition = method;
        RequestMetadata = requestMetadata;
        Deadline = deadline;
        Peer = peer;
        Codec = codec;
        Payload = payload;
        CancellationToken = cancellationToken;
        Call = call;
    }

    /// <summary>Forgets the call, so that the context holds nothing of it while it waits for the next.</summary>
    internal void End()
    {
        (Arguments, Result, User, Call, Payload) = (null, null, null, null, default);
        _items?.Clear();
        _requestStreamTaken = 0;
    }

    /// <summary>The service name from the request.</summary>
    public string Service { get; private set; } = "";

    /// <summary>The method name from the request.</summary>
    public string Method => Definition.Descriptor.Name;

    /// <summary>The method's descriptor: argument and result types, one-way, idempotent, timeout.</summary>
    public RpcMethodDescriptor MethodDescriptor => Definition.Descriptor;

    /// <summary>All request metadata, including the protocol's <c>:service</c>, <c>:method</c> and <c>:timeout</c>.</summary>
    public RpcMetadata RequestMetadata { get; private set; } = null!;

    /// <summary>When the caller stops waiting, or null when it set no timeout.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>The caller's address.</summary>
    public EndPoint? Peer { get; private set; }

    /// <summary>The codec the request used; the response uses it too.</summary>
    public RpcCodec Codec { get; private set; } = null!;

    /// <summary>Fires when the deadline passes, the caller cancels, or the connection drops.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>The decoded arguments, once the pipeline's last step has decoded them; null before.</summary>
    public object?[]? Arguments { get; set; }

    /// <summary>The handler's result (null for none), once it has run; middleware may replace it.</summary>
    public object? Result { get; set; }

    /// <summary>The authenticated caller, set by authentication middleware; null when anonymous.</summary>
    public ClaimsPrincipal? User { get; set; }

    /// <summary>A place for middleware and handlers to share values for this call.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    internal RpcMethodDefinition Definition { get; private set; } = null!;

    /// <summary>The call being served; null for a context made outside a connection.</summary>
    internal ServerCall? Call { get; private set; }

    internal ReadOnlySequence<byte> Payload { get; private set; }
}

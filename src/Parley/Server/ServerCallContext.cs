using System.Buffers;
using System.Net;
using System.Security.Claims;
using Parley.Codecs;
using Parley.Contracts;
using Parley.Protocol;

namespace Parley.Server;

/// <summary>
/// What a handler and the middleware know about the call being served. A reflection-bound handler receives it by
/// declaring a parameter of this type. Used by one call at a time; not thread-safe.
/// </summary>
public sealed partial class ServerCallContext
{
    private Dictionary<object, object?>? _items;

    internal ServerCallContext(
        string service, RpcMethodDefinition method, RpcMetadata requestMetadata, DateTimeOffset? deadline, EndPoint? peer,
        RpcCodec codec, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        Service = service;
        Definition = method;
        RequestMetadata = requestMetadata;
        Deadline = deadline;
        Peer = peer;
        Codec = codec;
        Payload = payload;
        CancellationToken = cancellationToken;
    }

    /// <summary>The service name from the request.</summary>
    public string Service { get; }

    /// <summary>The method name from the request.</summary>
    public string Method => Definition.Descriptor.Name;

    /// <summary>The method's descriptor: argument and result types, one-way, idempotent, timeout.</summary>
    public RpcMethodDescriptor MethodDescriptor => Definition.Descriptor;

    /// <summary>All request metadata, including the protocol's <c>:service</c>, <c>:method</c> and <c>:timeout</c>.</summary>
    public RpcMetadata RequestMetadata { get; }

    /// <summary>When the caller stops waiting, or null when it set no timeout.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>The caller's address.</summary>
    public EndPoint? Peer { get; }

    /// <summary>The codec the request used; the response uses it too.</summary>
    public RpcCodec Codec { get; }

    /// <summary>Fires when the deadline passes, the caller cancels, or the connection drops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The decoded arguments, once the pipeline's last step has decoded them; null before.</summary>
    public object?[]? Arguments { get; set; }

    /// <summary>The handler's result (null for none), once it has run; middleware may replace it.</summary>
    public object? Result { get; set; }

    /// <summary>The authenticated caller, set by authentication middleware; null when anonymous.</summary>
    public ClaimsPrincipal? User { get; set; }

    /// <summary>A place for middleware and handlers to share values for this call.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    internal RpcMethodDefinition Definition { get; }

    /// <summary>The call being served; null for a context made outside a connection.</summary>
    internal ServerCall? Call { get; init; }

    internal ReadOnlySequence<byte> Payload { get; }
}

using System.Net;
using Parley.Protocol;

namespace Parley.Server;

/// <summary>
/// What a handler may know about the call it serves. A handler receives it by declaring a parameter of this type.
/// Not thread-safe beyond reading.
/// </summary>
public sealed class ServerCallContext
{
    private Dictionary<object, object?>? _items;

    internal ServerCallContext(
        string service, string method, RpcMetadata requestMetadata, DateTimeOffset? deadline, EndPoint? peer,
        CancellationToken cancellationToken)
    {
        Service = service;
        Method = method;
        RequestMetadata = requestMetadata;
        Deadline = deadline;
        Peer = peer;
        CancellationToken = cancellationToken;
    }

    /// <summary>The service name from the request.</summary>
    public string Service { get; }

    /// <summary>The method name from the request.</summary>
    public string Method { get; }

    /// <summary>All request metadata, including the protocol's <c>:service</c>, <c>:method</c> and <c>:timeout</c>.</summary>
    public RpcMetadata RequestMetadata { get; }

    /// <summary>When the caller stops waiting, or null when it set no timeout.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>The caller's address.</summary>
    public EndPoint? Peer { get; }

    /// <summary>Fires when the deadline passes, the caller cancels, or the connection drops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A place for middleware and handlers to share values for this call.</summary>
    public IDictionary<object, object?> Items => _items ??= [];
}

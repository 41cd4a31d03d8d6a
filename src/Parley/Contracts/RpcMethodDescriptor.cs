namespace Parley.Contracts;

/// <summary>
/// One method of a service contract as the wire sees it: its name, the types of its arguments and result, and the
/// contract's attributes. Shared by the client proxy and the server dispatcher of a contract. Immutable.
/// </summary>
public sealed class RpcMethodDescriptor
{
    /// <summary>Describes a method.</summary>
    /// <param name="name">The wire name.</param>
    /// <param name="argumentTypes">The argument types on the wire, in order (a trailing CancellationToken excluded).</param>
    /// <param name="resultType">The type of each response message: the result of a unary or client-streaming method
    /// (null when it returns nothing), the item type of a server-streaming or bidirectional one.</param>
    /// <param name="isOneWay">Called one-way: the caller does not wait for, and the server sends, no response.</param>
    /// <param name="isIdempotent">Safe to run more than once, so retry policies may repeat it.</param>
    /// <param name="timeout">The contract's timeout for the method, or null for the client's default.</param>
    /// <param name="kind">Unary or one of the streaming kinds.</param>
    /// <param name="requestStreamType">The item type of the request stream, for client-streaming and bidirectional
    /// methods; null otherwise.</param>
    /// <exception cref="ArgumentException">The combination is impossible (a one-way stream, a stream without an item type).</exception>
    public RpcMethodDescriptor(
        string name, Type[] argumentTypes, Type? resultType, bool isOneWay = false, bool isIdempotent = false, TimeSpan? timeout = null,
        RpcMethodKind kind = RpcMethodKind.Unary, Type? requestStreamType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(argumentTypes);
        if (isOneWay && resultType is not null)
        {
            throw new ArgumentException($"One-way method '{name}' cannot return a value.", nameof(isOneWay));
        }

        if (isOneWay && kind != RpcMethodKind.Unary)
        {
            throw new ArgumentException($"Streaming method '{name}' cannot be one-way.", nameof(isOneWay));
        }

        var requestStream = Streams.StreamKinds.HasRequestStream(kind);
        if (requestStream != requestStreamType is not null)
        {
            throw new ArgumentException(requestStream
                ? $"{kind} method '{name}' needs the item type of its request stream."
                : $"{kind} method '{name}' has no request stream, so it takes no request stream type.", nameof(requestStreamType));
        }

        if (Streams.StreamKinds.HasResponseStream(kind) && resultType is null)
        {
            throw new ArgumentException($"{kind} method '{name}' needs the item type of its response stream.", nameof(resultType));
        }

        Name = name;
        ArgumentTypes = argumentTypes;
        ResultType = resultType;
        IsOneWay = isOneWay;
        IsIdempotent = isIdempotent;
        Timeout = timeout;
        Kind = kind;
        RequestStreamType = requestStreamType;
    }

    /// <summary>The wire name.</summary>
    public string Name { get; }

    /// <summary>The argument types on the wire, in order.</summary>
    public Type[] ArgumentTypes { get; }

    /// <summary>The type of each response message: the result (null for none), or the response stream's item type.</summary>
    public Type? ResultType { get; }

    /// <summary>Unary or one of the streaming kinds.</summary>
    public RpcMethodKind Kind { get; }

    /// <summary>The item type of the request stream, or null when the method has none.</summary>
    public Type? RequestStreamType { get; }

    /// <summary>Whether the client sends a stream of messages (client-streaming and bidirectional methods).</summary>
    public bool HasRequestStream => RequestStreamType is not null;

    /// <summary>Whether the server answers with a stream of messages (server-streaming and bidirectional methods).</summary>
    public bool HasResponseStream => Streams.StreamKinds.HasResponseStream(Kind);

    /// <summary>Whether callers send it one-way.</summary>
    public bool IsOneWay { get; }

    /// <summary>Whether the method may safely run more than once.</summary>
    public bool IsIdempotent { get; }

    /// <summary>The contract's timeout for this method, or null.</summary>
    public TimeSpan? Timeout { get; }
}

using Parley.Contracts;

namespace Parley.Client;

/// <summary>One outgoing call as client middleware sees it. Used by one call at a time; not thread-safe.</summary>
public sealed class ClientCallContext
{
    private Dictionary<object, object?>? _items;

    internal ClientCallContext(
        RpcClient client, string service, string method, object?[] arguments, Type? resultType, CallOptions? options,
        CancellationToken cancellationToken)
    {
        Client = client;
        Service = service;
        Method = method;
        Arguments = arguments;
        ResultType = resultType;
        Options = options;
        CancellationToken = cancellationToken;
    }

    /// <summary>The client making the call.</summary>
    public RpcClient Client { get; }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <summary>The method name.</summary>
    public string Method { get; }

    /// <summary>The arguments, as they will be encoded.</summary>
    public object?[] Arguments { get; set; }

    /// <summary>
    /// The type the result is decoded as (for a server-streaming or bidirectional call, each response message), or null
    /// for a one-way call.
    /// </summary>
    public Type? ResultType { get; }

    /// <summary>Whether the call is one-way (no response).</summary>
    public bool IsOneWay => ResultType is null;

    /// <summary>
    /// Unary or a streaming kind. For a server-streaming or bidirectional call the pipeline runs around the whole call:
    /// <c>next</c> opens the stream and completes when the call does (with null, or throwing its status), while the
    /// caller reads the messages.
    /// </summary>
    public RpcMethodKind Kind { get; init; }

    /// <summary>The pipeline's last step for streaming calls; null for unary and one-way calls.</summary>
    internal Func<ClientCallContext, Task<object?>>? Terminal { get; init; }

    /// <summary>The call's options; middleware may replace them (see <see cref="CallOptions.Merge"/>).</summary>
    public CallOptions? Options { get; set; }

    /// <summary>The caller's cancellation token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A place for middleware to share values for this call.</summary>
    public IDictionary<object, object?> Items => _items ??= [];
}

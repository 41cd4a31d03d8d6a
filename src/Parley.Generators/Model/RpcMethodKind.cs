namespace Parley.Generators.Model;

/// <summary>
/// How many messages flow each way in a call. Mirrors <c>Parley.Contracts.RpcMethodKind</c> member for member: the
/// generated descriptor names the runtime's member by this one's name.
/// </summary>
internal enum RpcMethodKind
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>Returns <c>IAsyncEnumerable&lt;T&gt;</c>: one request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>Takes an <c>IAsyncEnumerable&lt;T&gt;</c> and returns a task: a stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>Takes an <c>IAsyncEnumerable&lt;TIn&gt;</c> and returns an <c>IAsyncEnumerable&lt;TOut&gt;</c>.</summary>
    BidirectionalStreaming,
}

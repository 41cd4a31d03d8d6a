namespace Parley.Contracts;

/// <summary>How many messages flow each way in a call. See docs/streaming.md.</summary>
public enum RpcMethodKind
{
    /// <summary>One request, one response (or none, for a one-way call).</summary>
    Unary,

    /// <summary>One request, a stream of response messages: <c>IAsyncEnumerable&lt;T&gt; M(args)</c>.</summary>
    ServerStreaming,

    /// <summary>A stream of request messages, one response: <c>Task&lt;TResult&gt; M(IAsyncEnumerable&lt;T&gt; items)</c>.</summary>
    ClientStreaming,

    /// <summary>Streams both ways at once: <c>IAsyncEnumerable&lt;TOut&gt; M(IAsyncEnumerable&lt;TIn&gt; items)</c>.</summary>
    BidirectionalStreaming,
}

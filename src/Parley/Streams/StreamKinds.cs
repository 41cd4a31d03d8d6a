using Parley.Contracts;

namespace Parley.Streams;

/// <summary>The values of the <c>:stream</c> metadata key, which tells the server what kind of call a REQUEST opens.</summary>
internal static class StreamKinds
{
    public static string? ToWire(RpcMethodKind kind) => kind switch
    {
        RpcMethodKind.ServerStreaming => "server",
        RpcMethodKind.ClientStreaming => "client",
        RpcMethodKind.BidirectionalStreaming => "bidi",
        _ => null,
    };

    public static bool TryParse(string? value, out RpcMethodKind kind)
    {
        kind = value switch
        {
            null => RpcMethodKind.Unary,
            "server" => RpcMethodKind.ServerStreaming,
            "client" => RpcMethodKind.ClientStreaming,
            "bidi" => RpcMethodKind.BidirectionalStreaming,
            _ => (RpcMethodKind)(-1),
        };
        return kind >= 0;
    }

    /// <summary>How messages and docs name a kind: "unary", "server-streaming", "client-streaming", "bidirectional".</summary>
    public static string Describe(RpcMethodKind kind) => kind switch
    {
        RpcMethodKind.ServerStreaming => "server-streaming",
        RpcMethodKind.ClientStreaming => "client-streaming",
        RpcMethodKind.BidirectionalStreaming => "bidirectional streaming",
        _ => "unary",
    };

    public static bool HasRequestStream(RpcMethodKind kind) =>
        kind is RpcMethodKind.ClientStreaming or RpcMethodKind.BidirectionalStreaming;

    public static bool HasResponseStream(RpcMethodKind kind) =>
        kind is RpcMethodKind.ServerStreaming or RpcMethodKind.BidirectionalStreaming;
}

namespace Parley.Generators.Model;

/// <summary>One method of a contract, with everything the proxy and the dispatcher need to call it.</summary>
/// <param name="Name">The C# name, escaped when it is a keyword.</param>
/// <param name="MemberKey">A name for the generated members of this method, unique within the contract.</param>
/// <param name="WireName">The method name on the wire.</param>
/// <param name="DeclaringType">The fully qualified interface that declares the method (the contract or a base).</param>
/// <param name="ReturnType">The fully qualified return type, as the signature spells it.</param>
/// <param name="Shape">Which awaitable or stream it returns.</param>
/// <param name="ResultType">The type of each response with its nullable annotation: the result, or the item type of the
/// returned stream; null when it returns no value.</param>
/// <param name="ResultTypeOf">The same type as <c>typeof</c> accepts it, or null.</param>
/// <param name="Parameters">All parameters, the cancellation token and the request stream included.</param>
/// <param name="RequestStream">The request stream parameter, or null when the method takes none.</param>
/// <param name="IsOneWay">Marked <c>[OneWay]</c>.</param>
/// <param name="IsIdempotent">Marked <c>[Idempotent]</c>.</param>
/// <param name="TimeoutMilliseconds">From <c>[RpcTimeout]</c>, or null.</param>
internal sealed record MethodModel(
    string Name,
    string MemberKey,
    string WireName,
    string DeclaringType,
    string ReturnType,
    ReturnShape Shape,
    string? ResultType,
    string? ResultTypeOf,
    EquatableArray<ParameterModel> Parameters,
    RequestStreamModel? RequestStream,
    bool IsOneWay,
    bool IsIdempotent,
    int? TimeoutMilliseconds)
{
    /// <summary>Which way messages stream, from the return shape and the request stream.</summary>
    public RpcMethodKind Kind => (Shape == ReturnShape.AsyncEnumerable, RequestStream is not null) switch
    {
        (false, false) => RpcMethodKind.Unary,
        (true, false) => RpcMethodKind.ServerStreaming,
        (false, true) => RpcMethodKind.ClientStreaming,
        (true, true) => RpcMethodKind.BidirectionalStreaming,
    };
}

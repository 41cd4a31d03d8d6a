namespace Parley.Generators.Model;

/// <summary>One method of a contract, with everything the proxy and the dispatcher need to call it.</summary>
/// <param name="Name">The C# name, escaped when it is a keyword.</param>
/// <param name="MemberKey">A name for the generated members of this method, unique within the contract.</param>
/// <param name="WireName">The method name on the wire.</param>
/// <param name="DeclaringType">The fully qualified interface that declares the method (the contract or a base).</param>
/// <param name="ReturnType">The fully qualified return type, as the signature spells it.</param>
/// <param name="Shape">Which awaitable it returns.</param>
/// <param name="ResultType">The result type with its nullable annotation, or null when it returns no value.</param>
/// <param name="ResultTypeOf">The result type as <c>typeof</c> accepts it, or null.</param>
/// <param name="Parameters">All parameters, the cancellation token included.</param>
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
    bool IsOneWay,
    bool IsIdempotent,
    int? TimeoutMilliseconds);

namespace Parley.Generators.Model;

/// <summary>An <c>[RpcService]</c> interface reduced to the strings the generated file is made of.</summary>
/// <param name="Namespace">The interface's namespace, or empty for the global namespace.</param>
/// <param name="DisplayName">The interface as people read it, e.g. <c>Demo.ICalculator</c>.</param>
/// <param name="TypeName">The fully qualified interface, e.g. <c>global::Demo.ICalculator</c>.</param>
/// <param name="FlatName">The interface and its containing types joined by <c>_</c>: the prefix of the generated classes.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="ServiceName">The service name on the wire.</param>
/// <param name="Methods">The contract's methods, inherited ones included.</param>
internal sealed record ContractModel(
    string Namespace,
    string DisplayName,
    string TypeName,
    string FlatName,
    string HintName,
    string ServiceName,
    EquatableArray<MethodModel> Methods);

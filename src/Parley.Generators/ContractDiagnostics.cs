using Microsoft.CodeAnalysis;

namespace Parley.Generators;

/// <summary>The errors the generator reports for contracts it cannot generate. Listed in docs/contracts.md.</summary>
internal static class ContractDiagnostics
{
    private const string Category = "Parley";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new DiagnosticDescriptor(
        "PRL001",
        "Unsupported return type in an RPC contract",
        "Method '{0}' returns '{1}'; contract methods are asynchronous and return Task, Task<T>, ValueTask, ValueTask<T> or, to stream responses, IAsyncEnumerable<T>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedStreaming = new DiagnosticDescriptor(
        "PRL002",
        "Unsupported streaming shape",
        "Method '{0}' {1}; {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ByReferenceParameter = new DiagnosticDescriptor(
        "PRL003",
        "By-reference parameter in an RPC contract",
        "Parameter '{1}' of method '{0}' is passed by reference ('{2}'); contract parameters are passed by value, so return the value in the result instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new DiagnosticDescriptor(
        "PRL004",
        "Parameter type cannot be sent",
        "Parameter '{1}' of method '{0}' has type '{2}', which cannot be sent as an argument (pointer, function pointer or ref struct); use an ordinary value, array or class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CancellationTokenPosition = new DiagnosticDescriptor(
        "PRL005",
        "Misplaced CancellationToken",
        "Method '{0}' {1}; a contract method may take one CancellationToken, as its last parameter",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericMethod = new DiagnosticDescriptor(
        "PRL006",
        "Generic method in an RPC contract",
        "Method '{0}' is generic; the wire carries no type arguments, so declare it with concrete types",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericContract = new DiagnosticDescriptor(
        "PRL007",
        "Generic RPC contract",
        "Contract '{0}' is generic or nested in a generic type; declare a non-generic [RpcService] interface per concrete type",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedMember = new DiagnosticDescriptor(
        "PRL008",
        "Contract member is not a method",
        "'{0}' is {1}, which a contract cannot carry; a contract holds instance methods only, so replace it with a method returning Task<T>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateWireName = new DiagnosticDescriptor(
        "PRL009",
        "Two methods share a wire name",
        "Method '{0}' has the wire name '{1}', which '{2}' already uses; rename one, or give one [RpcMethod(\"another-name\")]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OneWayReturnsValue = new DiagnosticDescriptor(
        "PRL010",
        "One-way method returns a value",
        "Method '{0}' is [OneWay] but returns '{1}'; a one-way call gets no response, so return Task or ValueTask, or remove [OneWay]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonPositiveTimeout = new DiagnosticDescriptor(
        "PRL011",
        "Timeout is not positive",
        "Method '{0}' has [RpcTimeout({1})]; the timeout is a positive number of milliseconds",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InaccessibleContract = new DiagnosticDescriptor(
        "PRL012",
        "Contract is not accessible to generated code",
        "Contract '{0}' is {1}, so the generated proxy cannot implement it; make the interface, and every type containing it, public or internal",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BlankName = new DiagnosticDescriptor(
        "PRL013",
        "Blank wire name",
        "The name given to '{0}' by [{1}] is blank; give a name with visible characters, or no argument for the default name",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EmptyContract = new DiagnosticDescriptor(
        "PRL014",
        "Contract has no methods",
        "Contract '{0}' declares no methods; add one, or remove [RpcService]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}

namespace Parley.Generators.Model;

/// <summary>What reading one <c>[RpcService]</c> interface produced: a model to generate from, or the errors that prevent it.</summary>
/// <param name="Model">The contract, or null when it has errors.</param>
/// <param name="Diagnostics">The errors found.</param>
internal sealed record ContractResult(ContractModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

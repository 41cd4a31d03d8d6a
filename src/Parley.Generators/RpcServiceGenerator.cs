using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Parley.Generators;

/// <summary>
/// Generates, for every interface marked <c>[Parley.RpcService]</c>, a client proxy, a server dispatcher and a module
/// initializer that registers both with <c>Parley.Contracts.RpcContracts</c>, so that calls need no reflection.
/// Contract shapes it cannot generate are reported as PRL0xx errors (see docs/contracts.md). Classes marked
/// <c>[RpcService]</c> are left to the runtime's reflection path.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RpcServiceGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the step that reads contracts into models (for incremental-caching tests).</summary>
    internal const string ContractsStep = "ParleyContracts";

    private static readonly System.Text.Encoding Utf8NoBom = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var contracts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Parley.RpcServiceAttribute",
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (attributed, cancellationToken) =>
                    ContractReader.Read((INamedTypeSymbol)attributed.TargetSymbol, attributed.Attributes[0], cancellationToken))
            .WithTrackingName(ContractsStep);

        context.RegisterSourceOutput(contracts, static (output, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Model is { } model)
            {
                output.AddSource(model.HintName, SourceText.From(ContractWriter.Write(model), Utf8NoBom));
            }
        });
    }
}

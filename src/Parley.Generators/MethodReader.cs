using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Parley.Generators.Model;

namespace Parley.Generators;

/// <summary>Reads one member of a contract: a method it can generate, or the errors that say why not.</summary>
internal static partial class MethodReader
{
    /// <summary>The method's model; null when the member is not part of the wire contract or has errors.</summary>
    public static MethodModel? Read(ISymbol member, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var readable = member.ContainingType.Name + "." + member.Name;
        if (UnsupportedKind(member) is { } kind)
        {
            diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.UnsupportedMember, location, readable, kind));
            return null;
        }

        if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } method)
        {
            // Accessors, nested types, static helpers and private helper methods are not operations.
            return null;
        }

        var errors = diagnostics.Count;
        if (method.IsGenericMethod)
        {
            diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.GenericMethod, location, readable));
        }

        var (shape, result) = ReadReturn(method, readable, location, diagnostics);
        var (parameters, requestStream) = ReadParameters(method, readable, location, diagnostics);
        var attributes = method.GetAttributes();
        var oneWay = attributes.FirstOrDefault(a => SymbolFacts.IsParleyAttribute(a, "OneWayAttribute"));
        var oneWayLocation = oneWay is null ? null : ContractReader.AttributeLocation(oneWay) ?? location;
        if (oneWay is not null && StreamingKind(shape, requestStream) is { } streaming)
        {
            diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.UnsupportedStreaming, oneWayLocation, readable,
                $"is [OneWay] but {streaming}",
                "a one-way call gets no response and keeps no stream open, so remove [OneWay]"));
        }
        else if (oneWay is not null && result is not null)
        {
            diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.OneWayReturnsValue, oneWayLocation, readable,
                method.ReturnType.ToDisplayString(SymbolFacts.Readable)));
        }

        var timeout = ReadTimeout(attributes, readable, location, diagnostics);
        var rpcMethod = attributes.FirstOrDefault(a => SymbolFacts.IsParleyAttribute(a, "RpcMethodAttribute"));
        var explicitName = SymbolFacts.OnlyArgument(rpcMethod) as string;
        if (WireNames.IsBlank(explicitName))
        {
            diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.BlankName,
                ContractReader.AttributeLocation(rpcMethod!) ?? location, readable, "RpcMethod"));
        }

        if (diagnostics.Count > errors)
        {
            return null;
        }

        return new MethodModel(
            SymbolFacts.Identifier(method.Name),
            WireNames.ForMethod(method.Name, explicitName: null),
            WireNames.ForMethod(method.Name, explicitName),
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            method.ReturnType.ToDisplayString(SymbolFacts.AnnotatedType),
            shape,
            result?.ToDisplayString(SymbolFacts.AnnotatedType),
            result is null ? null : SymbolFacts.TypeOfName(result),
            EquatableArray<ParameterModel>.From(parameters),
            requestStream,
            oneWay is not null,
            attributes.Any(a => SymbolFacts.IsParleyAttribute(a, "IdempotentAttribute")),
            timeout);
    }

    /// <summary>What a member is when a contract cannot hold it, or null when it can (or it does not count).</summary>
    private static string? UnsupportedKind(ISymbol member)
    {
        if (member is INamedTypeSymbol)
        {
            return null;
        }

        if (member.IsStatic)
        {
            // Static members with bodies are helpers; static abstract ones make the interface unusable as a type argument.
            return member.IsAbstract || member.IsVirtual ? "a static abstract or virtual member" : null;
        }

        if (member.DeclaredAccessibility != Accessibility.Public)
        {
            return null;
        }

        return member switch
        {
            IPropertySymbol { IsIndexer: true } => "an indexer",
            IPropertySymbol => "a property",
            IEventSymbol => "an event",
            IMethodSymbol { MethodKind: MethodKind.Ordinary, IsAbstract: false, IsVirtual: false } => "a non-virtual method with a body",
            _ => null,
        };
    }

    private static int? ReadTimeout(
        System.Collections.Immutable.ImmutableArray<AttributeData> attributes, string readable, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var attribute = attributes.FirstOrDefault(a => SymbolFacts.IsParleyAttribute(a, "RpcTimeoutAttribute"));
        if (SymbolFacts.OnlyArgument(attribute) is not int milliseconds)
        {
            return null;
        }

        if (milliseconds <= 0)
        {
            diagnostics.Add(ContractReader.Diagnose(ContractDiagnostics.NonPositiveTimeout, ContractReader.AttributeLocation(attribute!) ?? location,
                readable, milliseconds.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return milliseconds;
    }
}

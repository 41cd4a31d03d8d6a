using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Parley.Generators.Model;

namespace Parley.Generators;

/// <summary>Reads an <c>[RpcService]</c> interface into a <see cref="ContractModel"/>, or into the errors that prevent one.</summary>
internal static class ContractReader
{
    private static readonly SymbolDisplayFormat QualifiedName = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    public static ContractResult Read(INamedTypeSymbol contract, AttributeData serviceAttribute, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var display = contract.ToDisplayString(SymbolFacts.Readable);
        var location = LocationInfo.From(contract.Locations.FirstOrDefault());
        if (IsGeneric(contract))
        {
            diagnostics.Add(Diagnose(ContractDiagnostics.GenericContract, location, display));
        }

        if (Inaccessibility(contract) is { } why)
        {
            diagnostics.Add(Diagnose(ContractDiagnostics.InaccessibleContract, location, display, why));
        }

        var explicitName = SymbolFacts.OnlyArgument(serviceAttribute) as string;
        if (WireNames.IsBlank(explicitName))
        {
            diagnostics.Add(Diagnose(ContractDiagnostics.BlankName, AttributeLocation(serviceAttribute) ?? location, display, "RpcService"));
        }

        var methods = ReadMethods(contract, location, diagnostics, cancellationToken);
        if (diagnostics.Count > 0)
        {
            return new ContractResult(null, EquatableArray<DiagnosticInfo>.From(diagnostics));
        }

        if (methods.Count == 0)
        {
            diagnostics.Add(Diagnose(ContractDiagnostics.EmptyContract, location, display));
            return new ContractResult(null, EquatableArray<DiagnosticInfo>.From(diagnostics));
        }

        var qualified = contract.ToDisplayString(QualifiedName);
        var model = new ContractModel(
            contract.ContainingNamespace.IsGlobalNamespace ? string.Empty : contract.ContainingNamespace.ToDisplayString(QualifiedName),
            display,
            contract.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            FlatName(contract),
            qualified.Replace("@", string.Empty) + ".Parley.g.cs",
            WireNames.ForService(contract.Name, explicitName),
            EquatableArray<MethodModel>.From(methods));
        return new ContractResult(model, default);
    }

    public static DiagnosticInfo Diagnose(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));

    public static LocationInfo? AttributeLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference is { } reference
            ? LocationInfo.From(Location.Create(reference.SyntaxTree, reference.Span))
            : null;

    private static List<MethodModel> ReadMethods(
        INamedTypeSymbol contract, LocationInfo? contractLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // The contract's own members first, then those of every interface it inherits: all of them are on the wire.
        var methods = new List<MethodModel>();
        var wireNames = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var type in new[] { contract }.Concat(contract.AllInterfaces))
        {
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource)) ?? contractLocation;
                if (MethodReader.Read(member, location, diagnostics) is not { } method)
                {
                    continue;
                }

                var readable = type.Name + "." + member.Name;
                if (wireNames.TryGetValue(method.WireName, out var taken))
                {
                    diagnostics.Add(Diagnose(ContractDiagnostics.DuplicateWireName, location, readable, method.WireName, taken));
                    continue;
                }

                wireNames.Add(method.WireName, readable);
                methods.Add(method);
            }
        }

        // Overloads renamed by [RpcMethod] share a C# name; their generated members need distinct names.
        var counts = methods.GroupBy(m => m.MemberKey).ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < methods.Count; i++)
        {
            if (counts[methods[i].MemberKey] > 1)
            {
                methods[i] = methods[i] with { MemberKey = methods[i].MemberKey + i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }
        }

        return methods;
    }

    private static bool IsGeneric(INamedTypeSymbol contract)
    {
        for (var type = contract; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why code elsewhere in the assembly cannot implement the contract, or null when it can.</summary>
    private static string? Inaccessibility(INamedTypeSymbol contract)
    {
        for (var type = contract; type is not null; type = type.ContainingType)
        {
            var what = type.IsFileLocal ? "file-local"
                : type.DeclaredAccessibility switch
                {
                    Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal => null,
                    Accessibility.Protected => "protected",
                    Accessibility.ProtectedAndInternal => "private protected",
                    _ => "private",
                };
            if (what is not null)
            {
                return SymbolEqualityComparer.Default.Equals(type, contract) ? what : $"nested in '{type.Name}', which is {what}";
            }
        }

        return null;
    }

    private static string FlatName(INamedTypeSymbol contract)
    {
        var name = contract.Name;
        for (var type = contract.ContainingType; type is not null; type = type.ContainingType)
        {
            name = type.Name + "_" + name;
        }

        return name;
    }
}

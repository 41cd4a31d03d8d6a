using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Parley.Generators;

/// <summary>Questions about symbols, answered by name so that no compilation lookups are needed.</summary>
internal static class SymbolFacts
{
    /// <summary>Fully qualified with <c>global::</c> and nullable annotations: for signatures and casts.</summary>
    public static readonly SymbolDisplayFormat AnnotatedType = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Fully qualified without reference-type annotations or tuple names: what <c>typeof</c> accepts.</summary>
    public static readonly SymbolDisplayFormat TypeOfType = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    /// <summary>
    /// The type as written inside <c>typeof(...)</c>: fully qualified, with <c>dynamic</c> (anywhere in it, e.g.
    /// <c>List&lt;dynamic&gt;</c>) as <c>object</c>, since <c>typeof(dynamic)</c> is not valid C# and both are object at run time.
    /// </summary>
    public static string TypeOfName(ITypeSymbol type) =>
        DynamicKeyword.Replace(type.ToDisplayString(TypeOfType), "global::System.Object");

    private static readonly System.Text.RegularExpressions.Regex DynamicKeyword =
        new(@"(?<![\w.:@])dynamic(?![\w])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Fully qualified without <c>global::</c>: for messages and comments.</summary>
    public static readonly SymbolDisplayFormat Readable = SymbolDisplayFormat.CSharpErrorMessageFormat;

    public static bool IsParleyAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type && type.Name == name && IsNamespace(type.ContainingNamespace, "Parley");

    /// <summary>The value of an attribute's only constructor argument, or null.</summary>
    public static object? OnlyArgument(AttributeData? attribute) =>
        attribute is { ConstructorArguments.Length: 1 } ? attribute.ConstructorArguments[0].Value : null;

    /// <summary>Whether <paramref name="type"/> is <c>Namespace.Name</c> (generic definitions included, by arity).</summary>
    public static bool Is(ITypeSymbol type, string dottedNamespace, string name, int arity = 0) =>
        type is INamedTypeSymbol named
        && named.Name == name
        && named.Arity == arity
        && named.ContainingType is null
        && IsNamespace(named.ContainingNamespace, dottedNamespace);

    public static bool IsCancellationToken(ITypeSymbol type) => Is(type, "System.Threading", "CancellationToken");

    /// <summary>The item type <c>T</c> when <paramref name="type"/> is <c>IAsyncEnumerable&lt;T&gt;</c>, else null.</summary>
    public static ITypeSymbol? AsyncEnumerableItem(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && Is(named, "System.Collections.Generic", "IAsyncEnumerable", 1) ? named.TypeArguments[0] : null;

    /// <summary>An identifier as source must spell it: reserved keywords take an <c>@</c>.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static bool IsNamespace(INamespaceSymbol? symbol, string dottedName)
    {
        var end = dottedName.Length;
        while (symbol is { IsGlobalNamespace: false })
        {
            var start = dottedName.LastIndexOf('.', end - 1) + 1;
            if (end - start != symbol.Name.Length || string.CompareOrdinal(dottedName, start, symbol.Name, 0, symbol.Name.Length) != 0)
            {
                return false;
            }

            symbol = symbol.ContainingNamespace;
            end = start - 1;
            if (end < 0)
            {
                return symbol is { IsGlobalNamespace: true };
            }
        }

        return false;
    }
}

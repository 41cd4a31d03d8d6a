using Microsoft.CodeAnalysis;

namespace Parley.Generators.Model;

/// <summary>A diagnostic to report, kept as plain data until the output step reports it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), [.. Arguments]);
}

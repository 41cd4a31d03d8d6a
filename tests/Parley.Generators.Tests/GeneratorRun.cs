using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Parley.Generators.Tests;

/// <summary>One run of the generator.</summary>
/// <param name="Result">What the driver recorded: generated sources, diagnostics and tracked steps.</param>
/// <param name="Output">The input compilation plus the generated sources.</param>
/// <param name="GeneratorDiagnostics">The diagnostics the generator reported.</param>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>Warnings and errors of the compilation including the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    public string GeneratedText(string hintName) =>
        Result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Parley.Client;

namespace Parley.Generators.Tests;

/// <summary>Compiles contract sources against the running runtime and Parley.dll, and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    public const string FileName = "Contracts.cs";

    /// <summary>Put before every test contract; test markup spans count from the start of the whole text.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Parley;

        """;

    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Contracts",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: i == 0 ? FileName : $"Other{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new RpcServiceGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once: what it reported, what it generated, and the compilation with its output.</summary>
    public static GeneratorRun Run(params string[] sources)
    {
        var compilation = Compile(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Every assembly the test process runs with: the shared framework, plus Parley.dll from the test's output.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(RpcClient).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}

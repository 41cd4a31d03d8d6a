using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Parley.Generators.Tests;

public sealed class IncrementalTests
{
    private const string Contract = GeneratorHarness.Usings + """
        namespace Demo;

        [RpcService]
        public interface ICalculator
        {
            Task<int> AddAsync(int a, int b, CancellationToken cancellationToken = default);

            IAsyncEnumerable<int> AccumulateAsync(IAsyncEnumerable<int> values, int start, CancellationToken cancellationToken = default);
        }
        """;

    private const string Other = "namespace Demo; public static class Unrelated { public static int Value => 1; }";

    [Fact]
    public void Run_UnrelatedFileEdited_ReusesContractModelAndOutput()
    {
        // Arrange
        var compilation = GeneratorHarness.Compile(Contract, Other);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = Replace(compilation, 1, Other.Replace("=> 1", "=> 2", StringComparison.Ordinal));

        // Act
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Assert
        AssertReused(result);
    }

    [Fact]
    public void Run_ContractFileEditedOutsideTheContract_ReusesContractModelAndOutput()
    {
        var compilation = GeneratorHarness.Compile(Contract);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = Replace(compilation, 0, Contract + "\npublic sealed class AddedLater { }\n");

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReused(result);
    }

    [Fact]
    public void Run_ContractChanged_RegeneratesOutput()
    {
        var compilation = GeneratorHarness.Compile(Contract);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = Replace(compilation, 0, Contract.Replace("AddAsync", "SumAsync", StringComparison.Ordinal));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, ModelReasons(result).Single());
        Assert.Contains("\"Sum\",", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    private static void AssertReused(GeneratorRunResult result)
    {
        Assert.All(ModelReasons(result), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"the contract model was {reason}"));
        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    private static IEnumerable<IncrementalStepRunReason> ModelReasons(GeneratorRunResult result) =>
        result.TrackedSteps[RpcServiceGenerator.ContractsStep].SelectMany(step => step.Outputs).Select(output => output.Reason);

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        var tree = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, tree.FilePath));
    }
}

namespace Parley.Generators.Tests;

public sealed class GeneratedCodeTests
{
    private const string EveryShape = GeneratorHarness.Usings + """
        namespace Demo.Shapes;

        public enum Color { Red, Green }

        public sealed record Order(int Id, string? Note, IReadOnlyList<decimal> Lines);

        public interface IBase
        {
            Task<string> PingAsync();
        }

        [RpcService]
        public interface IEveryShape : IBase
        {
            Task NoValueAsync();
            Task<int> ValueAsync(int a, long b, double c, decimal d, bool e, char f, byte g, Guid h, DateTimeOffset i);
            ValueTask NoValueTaskAsync(string text);
            ValueTask<Order> ValueTaskAsync(Order order);
            Task<string?> NullableAsync(string? maybe, int? count);
            Task<int[]> ArraysAsync(int[] numbers, string[][] jagged, List<Order> orders, Dictionary<string, int> map);
            Task<(int Sum, string Text)> TupleAsync((int A, int B) pair);
            Task<Color> EnumAsync(Color color);
            Task<object?> ObjectAsync(object? anything);
            Task TokenAsync(int value, CancellationToken cancellationToken);
            Task<int> OnlyTokenAsync(CancellationToken cancellationToken = default);
            Task KeywordsAsync(string @class, int @event);
            [OneWay] Task FireAsync(string what);
            [OneWay] ValueTask FireValueTaskAsync(string what, CancellationToken cancellationToken);
            [Idempotent] Task<int> ReadAsync(int id);
            [RpcTimeout(1500)] Task<int> SlowAsync();
            [RpcMethod("sum-ints")] Task<int> SumAsync(int a, int b);
            [RpcMethod("sum-doubles")] Task<double> SumAsync(double a, double b);
            [Obsolete("use ValueAsync")] Task<int> OldAsync();
            Task<int> DefaultedAsync(int value = 3, string name = "x");
            Task<int> ParamsAsync(params int[] values);
            Task<string> DescribeAsync() => Task.FromResult("default body");
            Task Async();
        }

        public static class Outer
        {
            [RpcService("outer.inner")]
            internal interface IInner
            {
                Task<int> GetAsync();
            }
        }
        """;

    [Fact]
    public void Generate_EverySupportedShape_CompilesWithoutDiagnostics()
    {
        var run = GeneratorHarness.Run(EveryShape);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Equal(
            ["Demo.Shapes.IEveryShape.Parley.g.cs", "Demo.Shapes.Outer.IInner.Parley.g.cs"],
            run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).Order());
    }

    [Fact]
    public void Generate_EverySupportedShape_DescribesMethodsWithWireNamesAndAttributes()
    {
        var run = GeneratorHarness.Run(EveryShape);

        var text = run.GeneratedText("Demo.Shapes.IEveryShape.Parley.g.cs");

        Assert.Contains("public const string ServiceName = \"EveryShape\";", text, StringComparison.Ordinal);
        Assert.Contains("\"sum-ints\",", text, StringComparison.Ordinal);
        Assert.Contains("\"sum-doubles\",", text, StringComparison.Ordinal);
        Assert.Contains("timeout: global::System.TimeSpan.FromMilliseconds(1500));", text, StringComparison.Ordinal);
        Assert.Contains("\"Ping\",", text, StringComparison.Ordinal);
        Assert.Contains("\"Async\",", text, StringComparison.Ordinal);
        Assert.Contains("this._client.SendOneWayAsync(", text, StringComparison.Ordinal);
        Assert.Contains("typeof(global::System.ValueTuple<int, int>)", text, StringComparison.Ordinal);
        Assert.Contains("public const string ServiceName = \"outer.inner\";", run.GeneratedText("Demo.Shapes.Outer.IInner.Parley.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DynamicParametersAndResult_CompileAsObject()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Demo.Dynamic;

            [RpcService]
            public interface ILoose
            {
                Task<dynamic> EchoAsync(dynamic value, List<dynamic> values);
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        var generated = run.Result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("typeof(global::System.Collections.Generic.List<global::System.Object>)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ContractInGlobalNamespace_CompilesWithoutDiagnostics()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [RpcService]
            public interface IGlobal
            {
                Task<int> CountAsync();
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Contains("IGlobal.Parley.g.cs", run.Result.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Generate_ContractNamesClashWithGeneratedNames_CompilesWithoutDiagnostics()
    {
        // Generated classes are file-local, so a user type with the same name in the same namespace does not clash.
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Demo;

            public sealed class ICalculator_ParleyProxy;

            [RpcService]
            public interface ICalculator
            {
                Task<int> ServiceAsync(int ServiceName, int _client, int arguments, int context, int implementation);
                Task<int> RegisterAsync();
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Generate_ClassMarkedRpcService_IsLeftToTheReflectionPath()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Demo;

            [RpcService]
            public sealed class Calculator
            {
                public int Add(int a, int b) => a + b;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Result.Results.Single().GeneratedSources);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Generate_ContractWithErrors_GeneratesNothing()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [RpcService]
            public interface IBroken
            {
                int Add(int a, int b);
            }
            """);

        Assert.Equal("PRL001", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void Generate_AnyContract_GeneratedFileIsMarkedAutoGeneratedWithNullableEnabled()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [RpcService]
            public interface IMarked
            {
                Task PingAsync();
            }
            """);

        var text = run.GeneratedText("IMarked.Parley.g.cs");

        Assert.StartsWith("// <auto-generated/>\n", text, StringComparison.Ordinal);
        Assert.Contains("\n#nullable enable\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Reflection", text, StringComparison.Ordinal);
    }
}

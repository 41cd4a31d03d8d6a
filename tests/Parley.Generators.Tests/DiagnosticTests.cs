using Microsoft.CodeAnalysis;

namespace Parley.Generators.Tests;

public sealed class DiagnosticTests
{
    /// <summary>A bad contract shape: the expected id, the contract with the expected span marked, and a word the message must hold.</summary>
    public static TheoryData<string, string, string> BadShapes => new()
    {
        { "PRL001", "[RpcService] public interface IC { int [|Add|](int a, int b); }", "IC.Add" },
        { "PRL001", "[RpcService] public interface IC { void [|Log|](string line); }", "'void'" },
        { "PRL001", "[RpcService] public interface IC { IEnumerable<int> [|List|](); }", "Task<T>" },
        { "PRL002", "[RpcService] public interface IC { Task MergeAsync(IAsyncEnumerable<int> left, IAsyncEnumerable<int> [|right|]); }", "2 IAsyncEnumerable<T> parameters ('left', 'right')" },
        { "PRL002", "[RpcService] public interface IC { IAsyncEnumerable<int> ZipAsync(IAsyncEnumerable<int> a, IAsyncEnumerable<int> [|b|], IAsyncEnumerable<int> c); }", "3 IAsyncEnumerable<T>" },
        { "PRL002", "[RpcService] public interface IC { [[|OneWay|]] IAsyncEnumerable<int> CountAsync(int upTo); }", "is [OneWay] but returns a stream" },
        { "PRL002", "[RpcService] public interface IC { [[|OneWay|]] Task UploadAsync(IAsyncEnumerable<int> items); }", "is [OneWay] but takes a request stream" },
        { "PRL002", "[RpcService] public interface IC { [[|OneWay|]] IAsyncEnumerable<int> EchoAsync(IAsyncEnumerable<int> items); }", "remove [OneWay]" },
        { "PRL002", "[RpcService] public interface IC { Task<IAsyncEnumerable<int>> [|CountAsync|](int upTo); }", "IAsyncEnumerable<int>' directly" },
        { "PRL002", "[RpcService] public interface IC { ValueTask<IAsyncEnumerable<string>> [|ListAsync|](); }", "ValueTask<System.Collections.Generic.IAsyncEnumerable<string>>'" },
        { "PRL002", "[RpcService] public interface IC { IAsyncEnumerable<Span<byte>> [|ReadAsync|](); }", "Span<byte>', a ref struct" },
        { "PRL002", "[RpcService] public interface IC { Task WriteAsync(IAsyncEnumerable<ReadOnlySpan<char>> [|chunks|]); }", "ReadOnlySpan<char>" },
        { "PRL002", "[RpcService] public interface IC { Task<int> SumAsync(IAsyncEnumerable<int>? [|items|]); }", "remove the '?'" },
        { "PRL003", "[RpcService] public interface IC { Task FillAsync(ref int [|value|]); }", "'ref'" },
        { "PRL003", "[RpcService] public interface IC { Task FillAsync(out int [|value|]); }", "'out'" },
        { "PRL003", "[RpcService] public interface IC { Task FillAsync(in int [|value|]); }", "'in'" },
        { "PRL004", "[RpcService] public unsafe interface IC { Task PokeAsync(int* [|address|]); }", "int*" },
        { "PRL004", "[RpcService] public interface IC { Task SendAsync(Span<byte> [|data|]); }", "Span<byte>" },
        { "PRL005", "[RpcService] public interface IC { Task RunAsync(CancellationToken [|ct|], int x); }", "before other parameters" },
        { "PRL005", "[RpcService] public interface IC { Task RunAsync(CancellationToken [|a|], CancellationToken b); }", "2 CancellationToken" },
        { "PRL005", "[RpcService] public interface IC { Task<int> SumAsync(CancellationToken [|ct|], IAsyncEnumerable<int> items); }", "before other parameters" },
        { "PRL006", "[RpcService] public interface IC { Task<T> [|GetAsync|]<T>(); }", "IC.GetAsync" },
        { "PRL007", "[RpcService] public interface [|IRepository|]<T> { Task<T> GetAsync(int id); }", "IRepository<T>" },
        { "PRL007", "public class Outer<T> { [RpcService] public interface [|IInner|] { Task PingAsync(); } }", "IInner" },
        { "PRL008", "[RpcService] public interface IC { int [|Count|] { get; } Task PingAsync(); }", "a property" },
        { "PRL008", "[RpcService] public interface IC { int [|this|][int index] { get; } Task PingAsync(); }", "an indexer" },
        { "PRL008", "[RpcService] public interface IC { event EventHandler [|Changed|]; Task PingAsync(); }", "an event" },
        { "PRL008", "[RpcService] public interface IC { static abstract Task [|CreateAsync|](); Task PingAsync(); }", "static abstract" },
        { "PRL008", "[RpcService] public interface IC { sealed Task [|HelperAsync|]() => Task.CompletedTask; Task PingAsync(); }", "non-virtual" },
        { "PRL009", "[RpcService] public interface IC { Task<int> AddAsync(int a); Task<int> [|Add|](int a); }", "'Add'" },
        { "PRL009", "[RpcService] public interface IC { Task<int> AddAsync(int a); Task<int> [|AddAsync|](double a); }", "IC.AddAsync" },
        { "PRL010", "[RpcService] public interface IC { [[|OneWay|]] Task<int> CountAsync(); }", "[OneWay]" },
        { "PRL011", "[RpcService] public interface IC { [[|RpcTimeout(0)|]] Task PingAsync(); }", "RpcTimeout(0)" },
        { "PRL011", "[RpcService] public interface IC { [[|RpcTimeout(-5)|]] Task PingAsync(); }", "positive" },
        { "PRL012", "public class Outer { [RpcService] private interface [|IHidden|] { Task PingAsync(); } }", "private" },
        { "PRL012", "public class Outer { [RpcService] protected interface [|IHidden|] { Task PingAsync(); } }", "protected" },
        { "PRL012", "class Outer { private class Middle { [RpcService] public interface [|IHidden|] { Task PingAsync(); } } }", "nested in 'Middle'" },
        { "PRL012", "[RpcService] file interface [|IHidden|] { Task PingAsync(); }", "file-local" },
        { "PRL013", "[RpcService] public interface IC { [[|RpcMethod(\"  \")|]] Task PingAsync(); }", "RpcMethod" },
        { "PRL013", "[[|RpcService(\" \")|]] public interface IC { Task PingAsync(); }", "RpcService" },
        { "PRL014", "[RpcService] public interface [|IEmpty|] { }", "IEmpty" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void Generate_UnsupportedShape_ReportsErrorAtTheShape(string id, string contract, string messagePart)
    {
        // Arrange
        var source = MarkedSource.Parse(GeneratorHarness.Usings + contract);

        // Act
        var run = GeneratorHarness.Run(source.Text);

        // Assert
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(GeneratorHarness.FileName, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SeveralBadMethods_ReportsEachOne()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [RpcService]
            public interface IC
            {
                int Add(int a, int b);
                Task FillAsync(ref int value);
                [OneWay] Task<int> CountAsync();
            }
            """);

        Assert.Equal(["PRL001", "PRL003", "PRL010"], run.GeneratorDiagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void Generate_BadMethodInBaseInterfaceOfOtherFile_ReportsItInThatFile()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Usings + "[RpcService] public interface IC : IBase { Task PingAsync(); }",
            "public interface IBase { int Add(int a, int b); }");

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("PRL001", diagnostic.Id);
        Assert.Equal("Other1.cs", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void Generate_ClassWithUnsupportedShapes_ReportsNothing()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [RpcService]
            public sealed class Reflected
            {
                public int Add(int a, int b) => a + b;
                public void Fill(ref int value) => value = 1;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
    }
}

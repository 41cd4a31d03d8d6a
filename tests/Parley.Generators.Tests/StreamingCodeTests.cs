namespace Parley.Generators.Tests;

/// <summary>The streaming shapes the generator accepts, and the calls it generates for them.</summary>
public sealed class StreamingCodeTests
{
    private const string HintName = "Demo.Streams.IEveryStream.Parley.g.cs";

    private const string EveryStream = GeneratorHarness.Usings + """
        namespace Demo.Streams;

        public sealed record Order(int Id, string? Note);

        public interface IBaseStream
        {
            IAsyncEnumerable<string> TailAsync(string file);
        }

        [RpcService]
        public interface IEveryStream : IBaseStream
        {
            IAsyncEnumerable<int> CountAsync(int upTo, CancellationToken cancellationToken = default);
            IAsyncEnumerable<Order> NoArgumentsAsync();
            IAsyncEnumerable<string?> NullableItemsAsync(string? filter);
            IAsyncEnumerable<int>? NullableStreamAsync();
            IAsyncEnumerable<(int Sum, string Text)> TupleItemsAsync();
            IAsyncEnumerable<dynamic> DynamicItemsAsync();
            [Idempotent, RpcTimeout(30000)] IAsyncEnumerable<long> WatchAsync(string key);

            Task UploadAsync(IAsyncEnumerable<byte[]> chunks);
            Task<long> SumAsync(IAsyncEnumerable<int> values, CancellationToken cancellationToken);
            ValueTask StoreAsync(IAsyncEnumerable<Order> orders);
            ValueTask<int> CountOrdersAsync(IAsyncEnumerable<Order> orders, CancellationToken cancellationToken = default);
            Task<int> TagAsync(string tag, IAsyncEnumerable<Order> orders, int limit, CancellationToken cancellationToken);
            Task<int> KeywordAsync(IAsyncEnumerable<int?> @in);

            IAsyncEnumerable<string> ChatAsync(IAsyncEnumerable<string> lines);
            IAsyncEnumerable<Order> RouteAsync(string region, IAsyncEnumerable<Order> orders, CancellationToken cancellationToken);

            Task<List<IAsyncEnumerable<int>>> NestedAsync(Dictionary<string, IAsyncEnumerable<int>> map);
        }
        """;

    [Fact]
    public void Generate_EveryStreamingShape_CompilesWithoutDiagnostics()
    {
        var run = GeneratorHarness.Run(EveryStream);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Equal(HintName, run.Result.Results.Single().GeneratedSources.Single().HintName);
    }

    [Theory]
    [InlineData("this._client.ServerStreamAsync<int>(IEveryStream_ParleyContract.ServiceName, \"Count\", new object?[] { upTo }, this._CountOptions, cancellationToken)")]
    [InlineData("this._client.ServerStreamAsync<string>(IEveryStream_ParleyContract.ServiceName, \"Tail\", new object?[] { file }, this._TailOptions, default)")]
    [InlineData("this._client.ClientStreamAsync<byte[], object?>(IEveryStream_ParleyContract.ServiceName, \"Upload\", chunks, global::System.Array.Empty<object?>(), this._UploadOptions, default)")]
    [InlineData("new global::System.Threading.Tasks.ValueTask<int>(this._client.ClientStreamAsync<global::Demo.Streams.Order, int>(IEveryStream_ParleyContract.ServiceName, \"CountOrders\", orders, global::System.Array.Empty<object?>(), this._CountOrdersOptions, cancellationToken))")]
    [InlineData("this._client.ClientStreamAsync<global::Demo.Streams.Order, int>(IEveryStream_ParleyContract.ServiceName, \"Tag\", orders, new object?[] { tag, limit }, this._TagOptions, cancellationToken)")]
    [InlineData("this._client.BidirectionalStreamAsync<global::Demo.Streams.Order, global::Demo.Streams.Order>(IEveryStream_ParleyContract.ServiceName, \"Route\", orders, new object?[] { region }, this._RouteOptions, cancellationToken)")]
    public void Generate_StreamingMethod_ProxyMakesOneStreamingCall(string call)
    {
        var text = GeneratorHarness.Run(EveryStream).GeneratedText(HintName);

        Assert.Contains("    " + call + ";\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new global::System.Threading.Tasks.ValueTask<object?>(implementation.CountAsync((int)arguments[0]!, context.CancellationToken))")]
    [InlineData("new global::System.Threading.Tasks.ValueTask<object?>(((global::Demo.Streams.IBaseStream)implementation).TailAsync((string)arguments[0]!))")]
    [InlineData("await implementation.TagAsync((string)arguments[0]!, context.GetRequestStream<global::Demo.Streams.Order>(), (int)arguments[1]!, context.CancellationToken).ConfigureAwait(false)")]
    [InlineData("await implementation.KeywordAsync(context.GetRequestStream<int?>()).ConfigureAwait(false)")]
    [InlineData("new global::System.Threading.Tasks.ValueTask<object?>(implementation.RouteAsync((string)arguments[0]!, context.GetRequestStream<global::Demo.Streams.Order>(), context.CancellationToken))")]
    public void Generate_StreamingMethod_DispatcherPassesArgumentsStreamAndToken(string call)
    {
        var text = GeneratorHarness.Run(EveryStream).GeneratedText(HintName);

        Assert.Contains(call, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_StreamingMethod_DescriptorNamesKindAndRequestStreamType()
    {
        var text = GeneratorHarness.Run(EveryStream).GeneratedText(HintName);

        Assert.Contains("""
                "Tag",
                new global::System.Type[] { typeof(string), typeof(int) },
                typeof(int),
                isOneWay: false,
                isIdempotent: false,
                timeout: null,
                kind: global::Parley.Contracts.RpcMethodKind.ClientStreaming,
                requestStreamType: typeof(global::Demo.Streams.Order));
        """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.Contains("""
                "Watch",
                new global::System.Type[] { typeof(string) },
                typeof(long),
                isOneWay: false,
                isIdempotent: true,
                timeout: global::System.TimeSpan.FromMilliseconds(30000),
                kind: global::Parley.Contracts.RpcMethodKind.ServerStreaming,
                requestStreamType: null);
        """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.Contains("""
                "Nested",
                new global::System.Type[] { typeof(global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IAsyncEnumerable<int>>) },
                typeof(global::System.Collections.Generic.List<global::System.Collections.Generic.IAsyncEnumerable<int>>),
                isOneWay: false,
                isIdempotent: false,
                timeout: null);
        """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
    }
}

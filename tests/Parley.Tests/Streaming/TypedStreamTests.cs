using System.Net;
using Parley.Client;
using Parley.Codecs;
using Parley.Server;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

/// <summary>
/// Streams through the generated proxy of <see cref="ITypedStreamService"/> to its generated dispatcher on a real TCP
/// server, in each codec.
/// </summary>
public abstract class TypedStreamTests : IAsyncLifetime
{
    private RpcServer _server = null!;
    private RpcClient _client = null!;

    protected abstract RpcCodec Codec { get; }

    private TypedStreamService Service { get; } = new();

    private ITypedStreamService Proxy { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _server = new RpcServerBuilder()
            .AddService<ITypedStreamService>(Service)
            .ListenTcp(IPAddress.Loopback, 0)
            .Build();
        await _server.StartAsync().DefaultTimeout();
        _client = new RpcClient(_server.EndPoints[0]);
        Proxy = _client.GetService<ITypedStreamService>(new CallOptions { Codec = Codec });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.StopAsync(TimeSpan.Zero).DefaultTimeout();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ServerStreaming_RecordsArriveInOrder()
    {
        var records = await Proxy.ListAsync("r", 500).WithTimeout().ToListAsync();

        Assert.Equal(500, records.Count);
        Assert.All(records, (record, i) => Assert.Equal((i, "r" + i), (record.Id, record.Name)));
        Assert.Equal([7.0, 3.5], records[7].Values);
    }

    [Fact]
    public async Task ClientStreaming_WithResult_ReturnsIt()
    {
        var letters = await Proxy.CountLettersAsync(StreamSources.Of("one", "three", "")).DefaultTimeout();

        Assert.Equal(8, letters);
    }

    [Fact]
    public async Task ClientStreaming_WithoutResult_CompletesAfterTheHandler()
    {
        await Proxy.RememberAsync("k", StreamSources.Range(5, 3)).AsTask().DefaultTimeout();

        Assert.Equal([5, 6, 7], Service.Remembered["k"]);
    }

    [Fact]
    public async Task Bidirectional_StreamBeforeAnArgument_RenamesEachRecord()
    {
        var records = StreamSources.Of(new TestRecord(1, "a", []), new TestRecord(2, "b", [2.5]));

        var renamed = await Proxy.RenameAsync(records, "!").WithTimeout().ToListAsync();

        Assert.Equal(["a!", "b!"], renamed.Select(r => r.Name));
        Assert.Equal([2.5], renamed[1].Values);
    }

    [Fact]
    public async Task ServerStreaming_CallersToken_CancelsTheCall()
    {
        using var cancel = new CancellationTokenSource();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in Proxy.ListAsync("x", 1_000_000, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        }).DefaultTimeout();

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}

public sealed class JsonTypedStreamTests : TypedStreamTests
{
    protected override RpcCodec Codec => JsonRpcCodec.Default;
}

public sealed class MessagePackTypedStreamTests : TypedStreamTests
{
    protected override RpcCodec Codec => Parley.Codecs.MessagePack.MessagePackRpcCodec.Default;
}

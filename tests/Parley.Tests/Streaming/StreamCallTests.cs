using System.Threading.Channels;
using Parley.Client;
using Parley.Codecs;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

/// <summary>The three streaming kinds over real TCP; each codec runs it through a subclass below.</summary>
public abstract class StreamCallTests : ServerAndClient
{
    private const string Service = "StreamTestService";

    protected abstract RpcCodec Codec { get; }

    private CallOptions Options => new() { Codec = Codec };

    [Fact]
    public async Task ServerStream_100000SmallMessages_ArriveInOrderWithNoneLostOrDuplicated()
    {
        const int Count = 100_000;
        var expected = 1;

        await foreach (var item in Client.ServerStreamAsync<int>(Service, "Count", [Count], Options).WithTimeout())
        {
            Assert.Equal(expected, item);
            expected++;
        }

        Assert.Equal(Count + 1, expected);
    }

    [Theory]
    [InlineData(4, 200_000)]
    [InlineData(1, 2_500_000)]
    [InlineData(50, 16 * 1024)]
    public async Task ServerStream_MessagesLargerThanAChunk_ArriveIntact(int count, int size)
    {
        var received = 0;

        await foreach (var blob in Client.ServerStreamAsync<byte[]>(Service, "Blobs", [count, size], Options).WithTimeout())
        {
            Assert.Equal(StreamTestService.Blob(received, size), blob);
            received++;
        }

        Assert.Equal(count, received);
    }

    [Fact]
    public async Task ServerStream_Untyped_YieldsNaturalValues()
    {
        var items = await Client.ServerStreamAsync<object?>(Service, "Count", [3], Options).WithTimeout().ToListAsync();

        Assert.Equal([1L, 2L, 3L], items);
    }

    [Fact]
    public async Task ServerStream_HandlerFailsAfterMessages_DeliversThemThenThrowsItsStatus()
    {
        var items = new List<int>();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var item in Client.ServerStreamAsync<int>(Service, "FailAfter", [3, StatusCode.NotFound, "gone"], Options).WithTimeout())
            {
                items.Add(item);
            }
        });

        Assert.Equal([1, 2, 3], items);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("gone", error.Detail);
    }

    [Fact]
    public async Task ServerStream_MetadataAndDeadline_ReachTheHandler()
    {
        var options = new CallOptions
        {
            Codec = Codec,
            Metadata = new RpcMetadata().Add("x-tenant", "blue"),
            Timeout = TimeSpan.FromSeconds(30),
        };

        var items = await Client.ServerStreamAsync<string>(Service, "EchoMetadata", ["x-tenant"], options).WithTimeout().ToListAsync();

        Assert.Equal(["blue", "deadline"], items);
    }

    [Fact]
    public async Task ServerStream_EachEnumeration_IsANewCall()
    {
        var stream = Client.ServerStreamAsync<int>(Service, "Count", [3], Options);

        Assert.Equal([1, 2, 3], await stream.WithTimeout().ToListAsync());
        Assert.Equal([1, 2, 3], await stream.WithTimeout().ToListAsync());
    }

    [Fact]
    public async Task ClientStream_10000Items_AreSummed()
    {
        var sum = await Client.ClientStreamAsync<int, long>(Service, "Sum", StreamSources.Range(1, 10_000), options: Options).DefaultTimeout();

        Assert.Equal(50_005_000, sum);
    }

    [Fact]
    public async Task ClientStream_EmptySource_CompletesWithNothing()
    {
        var sum = await Client.ClientStreamAsync<int, long>(Service, "Sum", StreamSources.Range(1, 0), options: Options).DefaultTimeout();

        Assert.Equal(0, sum);
    }

    [Fact]
    public async Task ClientStream_ServerAnswersBeforeTheEnd_ReturnsAndStopsTheSource()
    {
        var sourceEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = StreamSources.ThenForever(["a", "b", "stop"], "more", sourceEnded);

        var read = await Client.ClientStreamAsync<string, int>(Service, "ReadUntilStop", source, options: Options).DefaultTimeout();

        Assert.Equal(3, read);
        await sourceEnded.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ClientStream_SourceThrows_FailsCancelledAndCancelsTheHandler()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ClientStreamAsync<int, int>(
            Service, "WaitForever", StreamSources.Failing(2), ["source-throws"], Options)).DefaultTimeout();

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Contains("InvalidOperationException: the source broke", error.Detail, StringComparison.Ordinal);
        await Server.Streams.Probe("source-throws").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task Bidirectional_WithArgument_EchoesEveryItemInOrder()
    {
        var inputs = Enumerable.Range(0, 1_000).Select(i => "m" + i).ToArray();

        var echoed = await Client.BidirectionalStreamAsync<string, string>(Service, "Echo", StreamSources.Of(inputs), ["> "], Options)
            .WithTimeout().ToListAsync();

        Assert.Equal(inputs.Select(i => "> " + i), echoed);
    }

    [Fact]
    public async Task Bidirectional_StreamIsTheOnlyInput_Works()
    {
        var doubled = await Client.BidirectionalStreamAsync<long, long>(Service, "Twice", StreamSources.Of(1L, 2L, 3L), options: Options)
            .WithTimeout().ToListAsync();

        Assert.Equal([2L, 4L, 6L], doubled);
    }

    [Fact]
    public async Task Bidirectional_EachRequestWaitsForThePreviousAnswer_BothDirectionsRunAtOnce()
    {
        // The source only yields the next item after the answer to the previous one arrived: a call that sent its whole
        // request stream before reading would never finish.
        var answers = Channel.CreateUnbounded<string>();
        var requests = PingPong(answers.Reader, rounds: 50);
        var count = 0;

        await foreach (var answer in Client.BidirectionalStreamAsync<string, string>(Service, "Echo", requests, ["pong "], Options).WithTimeout())
        {
            Assert.Equal("pong " + count, answer);
            count++;
            await answers.Writer.WriteAsync(answer);
        }

        Assert.Equal(50, count);
    }

    [Fact]
    public async Task UnaryCallOfAStreamingMethod_FailsUnimplementedNamingBothKinds()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.InvokeAsync(Service, "Count", [3], Options)).DefaultTimeout();

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("server-streaming method; it was called as a unary one", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamingCallOfAUnaryMethod_FailsUnimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ServerStreamAsync<int>("TestService", "Add", [1, 2], Options).WithTimeout().ToListAsync());

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("unary method; it was called as a server-streaming one", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamingCallOfAnUnknownMethod_FailsUnimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.BidirectionalStreamAsync<int, int>(Service, "Nope", StreamSources.Range(0, 3), options: Options)
                .WithTimeout().ToListAsync());

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task ServerStream_MessageOverTheClientsLimit_FailsResourceExhausted()
    {
        await using var client = Server.CreateClient(o => o.Limits.MaxPayloadBytes = 64 * 1024);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ServerStreamAsync<byte[]>(Service, "Blobs", [1, 100_000], Options).WithTimeout().ToListAsync());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("over the peer's limit", error.Detail, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<string> PingPong(ChannelReader<string> answers, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            yield return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await answers.ReadAsync();
        }
    }
}

public sealed class JsonStreamCallTests : StreamCallTests
{
    protected override RpcCodec Codec => JsonRpcCodec.Default;
}

public sealed class MessagePackStreamCallTests : StreamCallTests
{
    protected override RpcCodec Codec => Parley.Codecs.MessagePack.MessagePackRpcCodec.Default;
}

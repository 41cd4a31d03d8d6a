using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;
using Xunit.Abstractions;

namespace Parley.Tests.Streaming;

/// <summary>Credit bounds what a slow consumer costs both sides, per stream and per connection.</summary>
[Collection(MeasuresMemoryCollection.Name)]
public sealed class StreamFlowControlTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Service = "StreamTestService";

    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SlowConsumer_SenderBlocksAndBothSidesHoldAtMostAWindow()
    {
        await using var client = _server.CreateClient();
        const int Size = 1024;
        var window = new ProtocolLimits().StreamWindowBytes;
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var probe = _server.Streams.Probe("slow");
        await using var stream = client.ServerStreamAsync<byte[]>(Service, "Endless", ["slow", Size]).GetAsyncEnumerator();

        // Reads one message every 100 ms for a second, then stops reading without leaving.
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await stream.MoveNextAsync().AsTask().DefaultTimeout());
            Assert.Equal(StreamTestService.Blob(i, Size), stream.Current);
            await Task.Delay(100);
        }

        await TaskTimeouts.WaitUntilAsync(() => Stalled(probe), "the server stops producing");
        var produced = probe.Produced;
        await Task.Delay(500);
        var clientConnection = client.CurrentConnection!;
        var serverConnection = _server.Server.OpenConnections.Single();
        var memoryGrowth = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        output.WriteLine($"produced {produced}, client holds {clientConnection.StreamBytesHeld()} B, " +
            $"server queued {serverConnection.QueuedStreamBytes} B, heap growth {memoryGrowth} B");

        // A 1 KiB blob is about 1.4 KB in JSON: a 256 KiB window holds under 200 of them.
        Assert.Equal(produced, probe.Produced);
        Assert.InRange(produced, 10, 10 + (window / Size) + 4);
        Assert.InRange(clientConnection.StreamBytesHeld(), 0, window);
        Assert.InRange(serverConnection.QueuedStreamBytes, 0, window);
        Assert.InRange(memoryGrowth, long.MinValue, 16 * 1024 * 1024);

        // Reading again resumes the stream where it stopped.
        for (var i = 10; i < 400; i++)
        {
            Assert.True(await stream.MoveNextAsync().AsTask().DefaultTimeout());
            Assert.Equal(StreamTestService.Blob(i, Size), stream.Current);
        }
    }

    [Fact]
    public async Task SlowStreams_TheConnectionWindowCapsThemTogether_AndALeavingStreamGivesItsShareBack()
    {
        const int Size = 4096;
        await using var client = _server.CreateClient(o =>
        {
            o.Limits.StreamWindowBytes = 64 * 1024;
            o.Limits.ConnectionWindowBytes = 96 * 1024;
        });

        // The first stalled stream fills its 64 KiB window; the second gets only what is left of the connection's 96 KiB.
        var first = client.ServerStreamAsync<byte[]>(Service, "Endless", ["cap-1", Size]).GetAsyncEnumerator();
        var second = client.ServerStreamAsync<byte[]>(Service, "Endless", ["cap-2", Size]).GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync().AsTask().DefaultTimeout());
        Assert.True(await second.MoveNextAsync().AsTask().DefaultTimeout());
        var (probe1, probe2) = (_server.Streams.Probe("cap-1"), _server.Streams.Probe("cap-2"));
        await TaskTimeouts.WaitUntilAsync(() => Stalled(probe1) && Stalled(probe2), "both streams stop producing");
        var held = client.CurrentConnection!.StreamBytesHeld();
        output.WriteLine($"produced {probe1.Produced} + {probe2.Produced}, the client holds {held} B");
        var message = FrameHeader.Size + 5466; // a 4 KiB blob in JSON (base64 in quotes)
        Assert.InRange(held, (96 * 1024) - (3 * message), 96 * 1024);
        Assert.True(probe2.Produced < probe1.Produced, "the second stream was held back by the connection's window");

        // A third stream gets nothing while they hold the connection's window...
        await using var third = client.ServerStreamAsync<byte[]>(Service, "Endless", ["cap-3", Size]).GetAsyncEnumerator();
        var firstOfThird = third.MoveNextAsync().AsTask();
        await _server.Streams.Probe("cap-3").Started.Task.DefaultTimeout();
        await Task.Delay(300);
        Assert.False(firstOfThird.IsCompleted);

        // ...until one of them leaves: its unread messages are dropped and their bytes given back to the connection.
        await first.DisposeAsync();
        Assert.True(await firstOfThird.DefaultTimeout());
        Assert.Equal(StreamTestService.Blob(0, Size), third.Current);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task UnreadStreamsHoldingMostOfTheConnectionWindow_DoNotStopAStreamThatIsRead()
    {
        const int Size = 4096;
        await using var client = _server.CreateClient(o =>
        {
            o.Limits.StreamWindowBytes = 64 * 1024;
            o.Limits.ConnectionWindowBytes = 256 * 1024;
        });
        var unread = new List<IAsyncEnumerator<byte[]>>();
        try
        {
            // Three stalled streams hold about 180 KB of the connection's 256 KiB: more than the half a batch needs.
            for (var s = 0; s < 3; s++)
            {
                var stream = client.ServerStreamAsync<byte[]>(Service, "Endless", ["unread-" + s, Size]).GetAsyncEnumerator();
                unread.Add(stream);
                Assert.True(await stream.MoveNextAsync().AsTask().DefaultTimeout());
            }

            await TaskTimeouts.WaitUntilAsync(
                () => Enumerable.Range(0, 3).All(s => Stalled(_server.Streams.Probe("unread-" + s))), "the unread streams stop");
            Assert.True(client.CurrentConnection!.StreamBytesHeld() > 128 * 1024);

            var received = 0;
            await foreach (var blob in client.ServerStreamAsync<byte[]>(Service, "Blobs", [500, Size]).WithTimeout())
            {
                Assert.Equal(StreamTestService.Blob(received++, Size), blob);
            }

            Assert.Equal(500, received);
        }
        finally
        {
            foreach (var stream in unread)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MessageLargerThanTheWindow_StillFlows()
    {
        await using var client = _server.CreateClient(o => o.Limits.StreamWindowBytes = 64 * 1024);
        const int Size = 1024 * 1024;
        var received = 0;

        await foreach (var blob in client.ServerStreamAsync<byte[]>(Service, "Blobs", [3, Size]).WithTimeout())
        {
            Assert.Equal(StreamTestService.Blob(received++, Size), blob);
        }

        Assert.Equal(3, received);
    }

    [Fact]
    public async Task BulkStream_UnaryCallsOnTheSameConnectionStillComplete()
    {
        await using var client = _server.CreateClient();
        using var stop = new CancellationTokenSource();
        var bulk = Task.Run(async () =>
        {
            var received = 0;
            try
            {
                await foreach (var blob in client.ServerStreamAsync<byte[]>(Service, "Endless", ["bulk", 64 * 1024], cancellationToken: stop.Token))
                {
                    received++;
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
            {
            }

            return received;
        });
        await _server.Streams.Probe("bulk").Started.Task.DefaultTimeout();
        await TaskTimeouts.WaitUntilAsync(() => _server.Streams.Probe("bulk").Produced > 20, "the bulk stream is flowing");

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i + 1, await client.InvokeAsync<int>("TestService", "Add", [i, 1]).DefaultTimeout());
        }

        await stop.CancelAsync();
        Assert.True(await bulk.DefaultTimeout() > 20);
    }

    [Fact]
    public async Task FinishedStreams_GiveTheConnectionItsWholeWindowBack()
    {
        await using var client = _server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.ServerStreamAsync<byte[]>(Service, "Blobs", [100, 10_000]).WithTimeout().ToListAsync();
            await foreach (var _ in client.ServerStreamAsync<byte[]>(Service, "Endless", ["early-" + i, 10_000]).WithTimeout())
            {
                break; // leaves messages in flight, which are dropped and given back
            }
        }

        await client.ClientStreamAsync<int, long>(Service, "Sum", StreamSources.Range(0, 50_000)).DefaultTimeout();
        var connection = client.CurrentConnection!;
        var server = _server.Server.OpenConnections.Single();
        var window = new ProtocolLimits().ConnectionWindowBytes;

        await TaskTimeouts.WaitUntilAsync(
            () => connection.ConnectionReceiveCredit + connection.ConnectionUnreturnedCredit == window
                && server.ConnectionSendCredit == connection.ConnectionReceiveCredit,
            "the client has given back every stream byte it received");
        await TaskTimeouts.WaitUntilAsync(
            () => server.ConnectionReceiveCredit + server.ConnectionUnreturnedCredit == window
                && connection.ConnectionSendCredit == server.ConnectionReceiveCredit,
            "the server has given back every stream byte it received");
    }

    // A producer blocked on credit does not move between two looks 200 ms apart.
    private static bool Stalled(StreamProbe probe)
    {
        var before = probe.Produced;
        Thread.Sleep(200);
        return before > 0 && probe.Produced == before;
    }
}

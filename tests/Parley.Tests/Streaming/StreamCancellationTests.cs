using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

/// <summary>Cancellation from each side, deadlines and lost connections end a stream promptly on both sides.</summary>
public sealed class StreamCancellationTests : ServerAndClient
{
    private const string Service = "StreamTestService";

    [Fact]
    public async Task ClientToken_MidServerStream_EnumeratorThrowsCancelledAndHandlerTokenFires()
    {
        using var cancel = new CancellationTokenSource();
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in Client.ServerStreamAsync<byte[]>(Service, "Endless", ["client-token", 16], cancellationToken: cancel.Token).WithTimeout())
            {
                if (++received == 5)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Server.Streams.Probe("client-token").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task EnumeratorToken_MidServerStream_EndsTheCallToo()
    {
        using var cancel = new CancellationTokenSource();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in Client.ServerStreamAsync<byte[]>(Service, "Endless", ["enumerator-token", 16]).WithCancellation(cancel.Token))
            {
                await cancel.CancelAsync();
            }
        }).DefaultTimeout();

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Server.Streams.Probe("enumerator-token").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ClientStopsReading_CancelsTheHandler()
    {
        await foreach (var _ in Client.ServerStreamAsync<byte[]>(Service, "Endless", ["break", 16]).WithTimeout())
        {
            break;
        }

        await Server.Streams.Probe("break").Ended.Task.DefaultTimeout();
        await TaskTimeouts.WaitUntilAsync(() => Server.Server.Statistics.ActiveCalls == 0, "the server has no call left");
    }

    [Fact]
    public async Task ServerCancels_ClientEnumeratorThrowsCancelledAfterTheMessagesSent()
    {
        var items = new List<int>();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var item in Client.ServerStreamAsync<int>(Service, "FailAfter", [2, StatusCode.Cancelled, "the server gave up"]).WithTimeout())
            {
                items.Add(item);
            }
        });

        Assert.Equal([1, 2], items);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task ClientToken_MidClientStream_CancelsTheHandler()
    {
        using var cancel = new CancellationTokenSource();
        var call = Client.ClientStreamAsync<int, int>(Service, "WaitForever", StreamSources.Endless(), ["client-stream-token"], cancellationToken: cancel.Token);
        await Server.Streams.Probe("client-stream-token").Started.Task.DefaultTimeout();

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Server.Streams.Probe("client-stream-token").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ClientToken_MidBidirectionalStream_EndsBothDirections()
    {
        using var cancel = new CancellationTokenSource();
        var sourceEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            var requests = StreamSources.ThenForever([], "ping", sourceEnded);
            await foreach (var _ in Client.BidirectionalStreamAsync<string, string>(Service, "Echo", requests, [""], cancellationToken: cancel.Token).WithTimeout())
            {
                if (++received == 10)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await sourceEnded.Task.DefaultTimeout();
        await TaskTimeouts.WaitUntilAsync(() => Server.Server.Statistics.ActiveCalls == 0, "the server has no call left");
    }

    [Fact]
    public async Task Deadline_MidServerStream_EndsWithDeadlineExceededOnBothSides()
    {
        var options = new CallOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in Client.ServerStreamAsync<byte[]>(Service, "Endless", ["deadline", 16], options).WithTimeout())
            {
                received++;
                await Task.Delay(5);
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(received > 0);
        await Server.Streams.Probe("deadline").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task Deadline_MidClientStream_EndsWithDeadlineExceeded()
    {
        var options = new CallOptions { Timeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ClientStreamAsync<int, int>(
            Service, "WaitForever", StreamSources.Endless(), ["client-deadline"], options)).DefaultTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await Server.Streams.Probe("client-deadline").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task StreamWithoutTimeout_OutlivesTheUnaryDefaultTimeout()
    {
        await using var client = Server.CreateClient(o => o.DefaultTimeout = TimeSpan.FromMilliseconds(200));
        var received = 0;

        await foreach (var _ in client.ServerStreamAsync<byte[]>(Service, "Endless", ["long-lived", 16]).WithTimeout())
        {
            await Task.Delay(50);
            if (++received == 10)
            {
                break;
            }
        }

        Assert.Equal(10, received);
    }

    [Fact]
    public async Task ConnectionLost_MidServerStream_FailsUnavailableWithoutRepeatingMessages()
    {
        await using var proxy = TcpFaultProxy.Start(Server.EndPoint);
        await using var client = new RpcClient(proxy.EndPoint);
        var received = new List<byte[]>();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var blob in client.ServerStreamAsync<byte[]>(Service, "Endless", ["lost", 8]).WithTimeout())
            {
                received.Add(blob);
                if (received.Count == 20)
                {
                    proxy.ResetAll();
                }
            }
        });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        for (var i = 0; i < received.Count; i++)
        {
            Assert.Equal(StreamTestService.Blob(i, 8), received[i]);
        }

        await Server.Streams.Probe("lost").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ConnectionLost_MidClientStream_FailsUnavailable()
    {
        await using var proxy = TcpFaultProxy.Start(Server.EndPoint);
        await using var client = new RpcClient(proxy.EndPoint);
        var call = client.ClientStreamAsync<int, int>(Service, "WaitForever", StreamSources.Endless(), ["lost-client-stream"]);
        await Server.Streams.Probe("lost-client-stream").Started.Task.DefaultTimeout();

        proxy.ResetAll();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await Server.Streams.Probe("lost-client-stream").Ended.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ConnectionLost_MidBidirectionalStream_FailsUnavailableAndStopsTheSource()
    {
        await using var proxy = TcpFaultProxy.Start(Server.EndPoint);
        await using var client = new RpcClient(proxy.EndPoint);
        var sourceEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            var requests = StreamSources.ThenForever([], "ping", sourceEnded);
            await foreach (var _ in client.BidirectionalStreamAsync<string, string>(Service, "Echo", requests, [""]).WithTimeout())
            {
                if (++received == 10)
                {
                    proxy.ResetAll();
                }
            }
        });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await sourceEnded.Task.DefaultTimeout();
    }

    [Fact]
    public async Task ServerStops_MidStream_FailsTheStream()
    {
        var stream = Client.ServerStreamAsync<byte[]>(Service, "Endless", ["stopping", 8]).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync().AsTask().DefaultTimeout());

        await Server.Server.StopAsync(TimeSpan.FromMilliseconds(100)).DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stream.MoveNextAsync().AsTask().DefaultTimeout())
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await stream.DisposeAsync();
    }
}

using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

public sealed class StreamAccountingTests
{
    private const string Service = "StreamTestService";

    [Fact]
    public async Task ThousandShortStreams_OpenedAndCancelled_LeaveNoStateBehind()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();

        for (var i = 0; i < 1_000; i++)
        {
            switch (i % 4)
            {
                case 0: // the consumer leaves after one message
                    await foreach (var _ in client.ServerStreamAsync<byte[]>(Service, "Endless", ["loop", 512]).WithTimeout())
                    {
                        break;
                    }

                    break;
                case 1: // the caller's token fires mid-stream
                    using (var cancel = new CancellationTokenSource())
                    {
                        await Assert.ThrowsAsync<RpcException>(async () =>
                        {
                            await foreach (var _ in client.ServerStreamAsync<byte[]>(Service, "Endless", ["loop", 512], cancellationToken: cancel.Token).WithTimeout())
                            {
                                await cancel.CancelAsync();
                            }
                        });
                    }

                    break;
                case 2: // a client stream cancelled while the server waits
                    using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(2)))
                    {
                        await Assert.ThrowsAsync<RpcException>(() => client.ClientStreamAsync<int, int>(
                            Service, "WaitForever", StreamSources.Endless(), ["loop"], cancellationToken: cancel.Token)).DefaultTimeout();
                    }

                    break;
                default: // a bidirectional stream left after two answers
                    var answers = 0;
                    await foreach (var _ in client.BidirectionalStreamAsync<long, long>(Service, "Twice", Longs(), options: null).WithTimeout())
                    {
                        if (++answers == 2)
                        {
                            break;
                        }
                    }

                    break;
            }
        }

        var connection = client.CurrentConnection!;
        var serverConnection = server.Server.OpenConnections.Single();
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ActiveCalls == 0, "the server has no call left");
        Assert.Equal(0, client.Statistics.ActiveCalls);
        Assert.Equal(0, client.Statistics.PendingCalls);
        Assert.Equal(0, Gauges.Read(client.Meter, "rpc.client.active_calls"));
        Assert.Equal(0, Gauges.Read(client.Meter, "parley.client.pending_calls"));
        Assert.Equal(0, Gauges.Read(server.Server.Meter, "rpc.server.active_calls"));
        Assert.Equal(1, client.Statistics.ConnectionsOpened);

        // Every stream byte either side received has been given back (or waits in the batch below the threshold).
        var window = new ProtocolLimits().ConnectionWindowBytes;
        await TaskTimeouts.WaitUntilAsync(
            () => connection.StreamBytesHeld() == 0 && serverConnection.StreamBytesHeld() == 0
                && serverConnection.ConnectionSendCredit == connection.ConnectionReceiveCredit
                && connection.ConnectionSendCredit == serverConnection.ConnectionReceiveCredit
                && connection.QueuedStreamBytes == 0 && serverConnection.QueuedStreamBytes == 0,
            "both sides have given back every stream byte");
        Assert.InRange(connection.ConnectionReceiveCredit, window / 2, window);
    }

    private static async IAsyncEnumerable<long> Longs()
    {
        for (long i = 0; ; i++)
        {
            yield return i;
            await Task.Yield();
        }
    }
}

using Parley.Protocol;
using Parley.Client;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Server;

public sealed class DrainTests
{
    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task StopAsync_CallsInFlight_FinishBeforeConnectionsClose(TestTransport transport)
    {
        var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient();
        await client.ConnectAsync().DefaultTimeout();
        var calls = Enumerable.Range(0, 5).Select(_ => client.InvokeAsync<int>("TestService", "Delay", [300])).ToArray();
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ActiveCalls == 5, "five calls are running");

        var stop = server.Server.StopAsync(TimeSpan.FromSeconds(10));

        Assert.All(await Task.WhenAll(calls).DefaultTimeout(), result => Assert.Equal(300, result));
        await stop.DefaultTimeout();
        var after = await Assert.ThrowsAsync<RpcException>(() => client.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, after.StatusCode);
        Assert.Equal(0, server.Server.Statistics.Connections);
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData(TestTransport.Tcp)]
    [InlineData(TestTransport.InMemory)]
    public async Task StopAsync_CallOutlastsDrainTimeout_IsCancelled(TestTransport transport)
    {
        var server = await TestServer.StartAsync(transport);
        await using var client = server.CreateClient();
        var call = client.InvokeAsync("TestService", "Block", ["outlasts-drain"]);
        await server.Service.Probe("outlasts-drain").Started.Task.DefaultTimeout();

        await server.Server.StopAsync(TimeSpan.FromMilliseconds(200)).DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await server.Service.Probe("outlasts-drain").Cancelled.Task.DefaultTimeout();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task StopAsync_RequestArrivesAfterGoAway_IsAnsweredUnavailableNotProcessed()
    {
        var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        await peer.SendRequestAsync(1, "TestService", "Block", "[\"before-goaway\"]");
        await server.Service.Probe("before-goaway").Started.Task.DefaultTimeout();

        var stop = server.Server.StopAsync(TimeSpan.FromSeconds(10));
        var goAway = await peer.ReadFrameAsync(FrameType.GoAway).DefaultTimeout();
        await peer.SendRequestAsync(2, "TestService", "Record", "[\"after-goaway\"]");
        var rejected = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(StatusCode.Ok, goAway.Header.Status);
        Assert.Equal(1UL, goAway.Header.RequestId);
        Assert.Equal(2UL, rejected.Header.RequestId);
        Assert.Equal(StatusCode.Unavailable, rejected.Header.Status);
        Assert.Contains("not processed", rejected.Text, StringComparison.Ordinal);
        await peer.SendFrameAsync(FrameType.Cancel, 1);
        await stop.DefaultTimeout();
        Assert.False(server.Service.Recorded.Reader.TryRead(out _));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task StopAsync_RequestsArrivingWhileItBegins_NoRefusalReachesTheClientBeforeTheGoAway()
    {
        // A refusal read before the GOAWAY would look to the client like an ordinary failure of a call it may not
        // repeat. Requests stream in while the stop begins, several rounds, to meet the moment the draining starts.
        for (var round = 0; round < 10; round++)
        {
            var server = await TestServer.StartAsync();
            await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
            await peer.SendHelloAsync();
            await peer.SendRequestAsync(1, "TestService", "Block", $"[\"holds-{round}\"]");
            await server.Service.Probe($"holds-{round}").Started.Task.DefaultTimeout();
            using var stopSending = new CancellationTokenSource();
            var sending = SendUntilStoppedAsync(peer, firstId: 2, stopSending.Token);

            var stop = server.Server.StopAsync(TimeSpan.FromSeconds(10));
            var frames = new List<ReceivedFrame>();
            while (await peer.ReadFrameAsync().DefaultTimeout() is { } frame && frame.Header.Type != FrameType.GoAway)
            {
                frames.Add(frame);
            }

            Assert.DoesNotContain(frames, f => f.Header.Type == FrameType.Response && f.Text.Contains("not processed", StringComparison.Ordinal));
            await stopSending.CancelAsync();
            await sending;
            await peer.SendFrameAsync(FrameType.Cancel, 1);
            await stop.DefaultTimeout();
            await server.DisposeAsync();
        }
    }

    private static async Task SendUntilStoppedAsync(RawPeer peer, ulong firstId, CancellationToken stop)
    {
        try
        {
            for (var id = firstId; !stop.IsCancellationRequested; id++)
            {
                await peer.SendRequestAsync(id, "TestService", "Add", "[1,2]");
                await Task.Delay(1, CancellationToken.None); // a steady trickle, not a flood the reader must wade through
            }
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The server closed the connection.
        }
    }

    [Fact]
    public async Task Server_OverMaxConnections_RefusesWithReasonAndKeepsExistingClient()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConnections = 1);
        await using var first = server.CreateClient();
        await using var second = server.CreateClient();
        Assert.Equal(3, await first.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());

        var error = await Assert.ThrowsAsync<RpcException>(() => second.InvokeAsync("TestService", "Add", [1, 2])).DefaultTimeout();

        // Refused by GOAWAY (UNAVAILABLE, not processed) or, if the request crossed it, answered RESOURCE_EXHAUSTED.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.ResourceExhausted });
        Assert.Contains("limit of 1 connections", error.Detail, StringComparison.Ordinal);
        Assert.Equal(5, await first.InvokeAsync<int>("TestService", "Add", [2, 3]).DefaultTimeout());
    }
}

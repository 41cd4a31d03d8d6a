using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Connections;

public sealed class KeepAliveTests
{
    [Fact]
    public async Task Client_ServerGoesSilent_PendingCallFailsWithinKeepAliveWindow()
    {
        using var scripted = new ScriptedServer();
        var options = new RpcClientOptions
        {
            // A generous timeout, so that the peer surely reads the PING before the client resets the connection.
            KeepAliveInterval = TimeSpan.FromMilliseconds(100),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(1500),
        };
        await using var client = new RpcClient(scripted.EndPoint, options);
        var call = client.InvokeAsync("Svc", "Hang", [], new CallOptions { Timeout = TimeSpan.FromMinutes(5) });

        // The peer answers HELLO, reads the request and then never sends another byte (a hung host).
        await using var peer = await scripted.AcceptAsync();
        await peer.ReadFrameAsync(FrameType.Request).DefaultTimeout();
        var ping = await peer.ReadFrameAsync(FrameType.Ping).DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(8, ping.Payload.Length);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("keepalive", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_IdleWithShortKeepAlive_StaysOpenBecausePingsAreAnswered()
    {
        // A generous timeout: a busy shared machine can leave a PONG unread for seconds while the timers still run,
        // which must not count as a dead peer. The interval is short, so many pings are still needed to survive the wait.
        await using var server = await TestServer.StartAsync(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            o.KeepAliveTimeout = TimeSpan.FromSeconds(5);
        });
        await using var client = server.CreateClient(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            o.KeepAliveTimeout = TimeSpan.FromSeconds(5);
        });
        await client.ConnectAsync().DefaultTimeout();

        // Longer than interval + timeout with no call at all: only PING/PONG keep the connection alive.
        await Task.Delay(TimeSpan.FromMilliseconds(5600));

        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());
        Assert.Equal(1, client.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task Server_ClientGoesSilent_ConnectionDroppedAndHandlerCancelled()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(100);
            o.KeepAliveTimeout = TimeSpan.FromMilliseconds(100);
        });
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        await peer.SendRequestAsync(1, "TestService", "Block", "[\"silent-client\"]");

        // The raw peer never answers PING, so the server must decide it is dead.
        await server.Service.Probe("silent-client").Cancelled.Task.DefaultTimeout();
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.Connections == 0, "the dead connection is dropped");
    }

    [Fact]
    public async Task Server_NoCallsForIdleTimeout_ClosesAndClientReconnectsOnNextCall()
    {
        // Long enough that the first call reaches the server before its new connection counts as idle, even on a
        // loaded machine; short enough to wait for.
        await using var server = await TestServer.StartAsync(o => o.IdleTimeout = TimeSpan.FromSeconds(1));
        await using var client = server.CreateClient();
        Assert.Equal(3, await client.InvokeAsync<int>("TestService", "Add", [1, 2]).DefaultTimeout());

        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.Connections == 0, "the idle connection is closed");
        var next = await client.InvokeAsync<int>("TestService", "Add", [2, 2], new CallOptions { WaitForReady = true }).DefaultTimeout();

        Assert.Equal(4, next);
        Assert.Equal(2, client.Statistics.ConnectionsOpened);
    }
}

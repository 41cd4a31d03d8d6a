using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Connections;

/// <summary>
/// A process that stood still (a long GC pause, a starved thread pool) must not take its own stall for the peer's
/// silence: the peer's answer may be sitting unread. A manual clock jumping forward in one step is such a stall: the
/// connection's timer fires once, late.
/// </summary>
public sealed class KeepAliveStallTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250); // a quarter of the shorter setting

    [Fact]
    public async Task StallLongerThanTheTimeout_SendsAPingInsteadOfClosing_AndTheAnswerKeepsTheConnection()
    {
        using var scripted = new ScriptedServer();
        var clock = new ManualTimeProvider();
        await using var client = new RpcClient(scripted.EndPoint, Options(clock));
        await using var peer = await ConnectAsync(client, scripted);

        clock.Advance(TimeSpan.FromSeconds(10));
        var ping = await peer.ReadFrameAsync(FrameType.Ping).DefaultTimeout();
        await peer.SendFrameAsync(FrameType.Pong, 0, payload: ping.Payload);
        await AnsweredAsync(peer); // the client has read the PONG too: it came first

        clock.Advance(Tick);
        var call = client.InvokeAsync<int>("Svc", "Add", [1, 2]);
        var request = await peer.ReadFrameAsync(FrameType.Request).DefaultTimeout();
        await peer.SendFrameAsync(FrameType.Response, request.Header.RequestId, payload: "3"u8.ToArray(), codec: request.Header.Codec);

        Assert.Equal(3, await call.DefaultTimeout());
        Assert.Equal(1, client.Statistics.ConnectionsOpened);
    }

    [Fact]
    public async Task StallThenSilence_ThePeerHasTheWholeTimeoutToAnswer_ThenTheConnectionCloses()
    {
        using var scripted = new ScriptedServer();
        var clock = new ManualTimeProvider();
        await using var client = new RpcClient(scripted.EndPoint, Options(clock));
        await using var peer = await ConnectAsync(client, scripted);
        var call = await StartUnansweredCallAsync(client, peer);

        clock.Advance(TimeSpan.FromSeconds(10));
        await peer.ReadFrameAsync(FrameType.Ping).DefaultTimeout();
        for (var waited = Tick; waited < Timeout; waited += Tick)
        {
            clock.Advance(Tick);
        }

        Assert.False(call.IsCompleted, "the peer still had time to answer");

        clock.Advance(Tick);
        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("did not answer a keepalive ping", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStall_SilenceForIntervalPlusTimeout_ClosesTheConnection()
    {
        using var scripted = new ScriptedServer();
        var clock = new ManualTimeProvider();
        await using var client = new RpcClient(scripted.EndPoint, Options(clock));
        await using var peer = await ConnectAsync(client, scripted);
        var call = await StartUnansweredCallAsync(client, peer);

        // The same silence, passing tick by tick: the timer was on time, so the silence is the peer's.
        for (var waited = TimeSpan.Zero; waited < Interval + Timeout; waited += Tick)
        {
            clock.Advance(Tick);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Contains("did not answer a keepalive ping", error.Detail, StringComparison.Ordinal);
    }

    private static RpcClientOptions Options(ManualTimeProvider clock) =>
        new() { TimeProvider = clock, KeepAliveInterval = Interval, KeepAliveTimeout = Timeout };

    private static async Task<RawPeer> ConnectAsync(RpcClient client, ScriptedServer scripted)
    {
        var connect = client.ConnectAsync();
        var peer = await scripted.AcceptAsync().DefaultTimeout();
        await connect.DefaultTimeout();
        await AnsweredAsync(peer); // the client has read the HELLO: its clock reading is the start of the silence
        return peer;
    }

    private static async Task<Task> StartUnansweredCallAsync(RpcClient client, RawPeer peer)
    {
        var call = client.InvokeAsync("Svc", "Hang", [], new CallOptions { Timeout = TimeSpan.FromMinutes(5) });
        await peer.ReadFrameAsync(FrameType.Request).DefaultTimeout();
        return call;
    }

    // Sends a PING and waits for its PONG: proof that the client has read everything sent before it.
    private static async Task AnsweredAsync(RawPeer peer)
    {
        await peer.SendFrameAsync(FrameType.Ping, 0, payload: [0, 0, 0, 0, 0, 0, 0, 1]);
        await peer.ReadFrameAsync(FrameType.Pong).DefaultTimeout();
    }
}

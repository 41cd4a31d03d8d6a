using System.Buffers.Binary;
using System.Text;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Server;

public sealed class HostileInputTests
{
    [Fact]
    public async Task Connection_OversizeLengthPrefix_ClosedWithProtocolErrorBeforeBuffering()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        // A header announcing a 2 GiB payload, and nothing after it: the server must not wait for (or allocate) it.
        var header = new byte[FrameHeader.Size];
        new FrameHeader(FrameType.Request, 1, FrameFlags.None, StatusCode.Ok, 1, 0, int.MaxValue).Write(header);
        await peer.SendAsync(header);

        var goAway = await ReadGoAwayThenCloseAsync(peer);
        Assert.Equal(StatusCode.Internal, goAway.Header.Status);
        Assert.Contains("payload length 2147483647 exceeds the limit", goAway.Text, StringComparison.Ordinal);
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ProtocolErrors == 1, "the protocol error is counted");
    }

    [Fact]
    public async Task Connection_BadMagic_ClosedWithProtocolError()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);

        await peer.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));

        var goAway = await ReadGoAwayThenCloseAsync(peer);
        Assert.Contains("bad magic", goAway.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_BadVersion_ClosedWithProtocolError()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);

        await peer.SendAsync(new byte[] { 0x50, 0x4C, 9, 1, 0, 0, 0, 0 });

        var goAway = await ReadGoAwayThenCloseAsync(peer);
        Assert.Contains("unsupported protocol version 9", goAway.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_FirstFrameNotHello_ClosedWithProtocolError()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);

        await peer.SendRequestAsync(1, "TestService", "Add", "[1,2]");

        var goAway = await ReadGoAwayThenCloseAsync(peer);
        Assert.Contains("expected HELLO as the first frame", goAway.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_TruncatedFrameThenClose_CountedAsProtocolError()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        var header = new byte[FrameHeader.Size];
        new FrameHeader(FrameType.Request, 1, FrameFlags.None, StatusCode.Ok, 1, 0, 100).Write(header);

        await peer.SendAsync(header.Concat(new byte[10]).ToArray());
        peer.ShutdownSend();

        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ProtocolErrors == 1, "the truncated frame is counted");
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.Connections == 0, "the connection is gone");
    }

    [Fact]
    public async Task Connection_MalformedMetadata_ClosedWithProtocolError()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        // One entry whose value length (0xFFFF) runs past the 8-byte metadata block.
        byte[] metadata = [3, (byte)'a', (byte)'b', (byte)'c', 0xFF, 0xFF, 0, 0];
        var frame = new byte[FrameHeader.Size + metadata.Length];
        new FrameHeader(FrameType.Request, 1, FrameFlags.None, StatusCode.Ok, 1, metadata.Length, 0).Write(frame);
        metadata.CopyTo(frame, FrameHeader.Size);
        await peer.SendAsync(frame);

        var goAway = await ReadGoAwayThenCloseAsync(peer);
        Assert.Contains("runs past the end of the metadata block", goAway.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_RequestIdReusedWhileRunning_ClosedWithProtocolError()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        await peer.SendRequestAsync(7, "TestService", "Block", "[\"reuse\"]");
        await server.Service.Probe("reuse").Started.Task.DefaultTimeout();

        await peer.SendRequestAsync(7, "TestService", "Add", "[1,2]");

        var goAway = await ReadGoAwayThenCloseAsync(peer);
        Assert.Contains("request id 7 is already in use", goAway.Text, StringComparison.Ordinal);
        Assert.Equal(7UL, goAway.Header.RequestId);
        await server.Service.Probe("reuse").Cancelled.Task.DefaultTimeout();
    }

    [Fact]
    public async Task Connection_SilentAfterConnect_ClosedAfterHandshakeTimeout()
    {
        await using var server = await TestServer.StartAsync(o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(200));
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);

        var goAway = await ReadGoAwayThenCloseAsync(peer);

        Assert.Contains("no HELLO within the handshake timeout", goAway.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_GarbageOn20Connections_GoodClientKeepsWorking()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = server.CreateClient();
        await client.ConnectAsync().DefaultTimeout();
        using var stop = new CancellationTokenSource();
        var goodCalls = 0;
        var good = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal(goodCalls + 1, await client.InvokeAsync<int>("TestService", "Add", [goodCalls, 1]));
                goodCalls++;
            }
        });

        var random = new Random(1234);
        var attackers = Enumerable.Range(0, 20).Select(async i =>
        {
            await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
            if (i % 2 == 0)
            {
                await peer.SendHelloAsync(); // half of them get past the handshake first
            }

            var garbage = new byte[4096];
            lock (random)
            {
                random.NextBytes(garbage);
            }

            garbage[0] = (byte)'X'; // never a valid magic
            await peer.SendAsync(garbage);
            await peer.ReadUntilClosedAsync();
        });
        await Task.WhenAll(attackers).DefaultTimeout();
        await stop.CancelAsync();
        await good.DefaultTimeout();

        Assert.True(goodCalls > 0);
        Assert.Equal(20, server.Server.Statistics.ProtocolErrors);
        Assert.Equal(1, client.Statistics.ConnectionsOpened);
        Assert.Equal(4, await client.InvokeAsync<int>("TestService", "Add", [2, 2]).DefaultTimeout());
    }

    [Fact]
    public async Task Server_UnknownCodec_AnswersUnimplementedAndKeepsConnection()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        var metadata = new RpcMetadata().AddReserved(RpcMetadata.ServiceKey, "TestService").AddReserved(RpcMetadata.MethodKey, "Add");

        await peer.SendFrameAsync(FrameType.Request, 1, metadata, [0x92, 0x01, 0x02], codec: 42);
        var rejected = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();
        await peer.SendRequestAsync(2, "TestService", "Add", "[1,2]");
        var answered = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(StatusCode.Unimplemented, rejected.Header.Status);
        Assert.Contains("codec 42 is not supported", rejected.Text, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Ok, answered.Header.Status);
        Assert.Equal("3", answered.Text);
    }

    [Fact]
    public async Task Server_RequestWithoutMethod_AnswersInvalidArgument()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        await peer.SendFrameAsync(FrameType.Request, 1, new RpcMetadata().AddReserved(RpcMetadata.ServiceKey, "TestService"), "[]"u8.ToArray(), codec: 1);
        var response = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(StatusCode.InvalidArgument, response.Header.Status);
        Assert.Contains(":method", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_PingFromClient_AnsweredWithSamePayload()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        var payload = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(payload, 0x0102030405060708);

        await peer.SendFrameAsync(FrameType.Ping, 0, payload: payload);
        var pong = await peer.ReadFrameAsync(FrameType.Pong).DefaultTimeout();

        Assert.Equal(payload, pong.Payload);
    }

    private static async Task<ReceivedFrame> ReadGoAwayThenCloseAsync(RawPeer peer)
    {
        var frames = await peer.ReadUntilClosedAsync().DefaultTimeout();
        var goAway = Assert.Single(frames, f => f.Header.Type == FrameType.GoAway);
        Assert.Equal(FrameType.GoAway, frames[^1].Header.Type);
        Assert.StartsWith("protocol error: ", goAway.Text, StringComparison.Ordinal);
        return goAway;
    }
}

using System.Buffers.Binary;
using System.Text;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

/// <summary>A peer that breaks the streaming rules loses its connection with a protocol error; one that keeps them is served.</summary>
public sealed class StreamProtocolTests
{
    private const string Service = "StreamTestService";

    [Fact]
    public async Task ForeignClient_ChunkedMessagesAndEmptyArguments_AreServed()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        await peer.SendStreamRequestAsync(1, Service, "Sum", "client");
        await peer.SendStreamMessageAsync(1, "1"u8.ToArray(), more: true);
        await peer.SendStreamMessageAsync(1, "23"u8.ToArray());
        await peer.SendStreamMessageAsync(1, "4"u8.ToArray());
        await peer.SendFrameAsync(FrameType.StreamEnd, 1);
        var response = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(StatusCode.Ok, response.Header.Status);
        Assert.Equal("127", response.Text);
    }

    [Fact]
    public async Task ForeignClient_ServerStream_EndsWithAnEmptyOkResponseAfterTheMessages()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        await peer.SendStreamRequestAsync(3, Service, "Count", "server", "[2]");
        var first = await peer.ReadFrameAsync(FrameType.StreamMessage).DefaultTimeout();
        var second = await peer.ReadFrameAsync(FrameType.StreamMessage).DefaultTimeout();
        var end = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(("1", "2"), (first.Text, second.Text));
        Assert.Equal((3UL, (byte)1), (first.Header.RequestId, first.Header.Codec));
        Assert.Equal(StatusCode.Ok, end.Header.Status);
        Assert.Equal((0, (byte)0), (end.Payload.Length, end.Header.Codec));
    }

    [Fact]
    public async Task ConsumingClientStream_ServerGrantsCreditAsTheHandlerReads()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();
        var window = new ProtocolLimits().StreamWindowBytes;
        var message = Encoding.UTF8.GetBytes("1" + new string(' ', 1000));

        await peer.SendStreamRequestAsync(1, Service, "Sum", "client");
        var sent = 0;
        while (sent + FrameHeader.Size + message.Length <= window)
        {
            await peer.SendStreamMessageAsync(1, message);
            sent += FrameHeader.Size + message.Length;
        }

        // The peer spent its whole window: what the handler reads comes back, in CREDIT frames, until it has most of it.
        var granted = 0L;
        while (granted < window / 2)
        {
            var credit = await ReadCreditAsync(peer, requestId: 1);
            Assert.InRange(credit, 1, window);
            granted += credit;
        }
    }

    [Fact]
    public async Task StreamMessage_ForAnIdNeverOpened_IsAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(async peer => await peer.SendStreamMessageAsync(9, "1"u8.ToArray()));

        Assert.Contains("request 9, which the client never opened", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamMessage_ForAUnaryCall_IsAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(async peer =>
        {
            await peer.SendRequestAsync(1, "TestService", "Block", "[\"raw-unary\"]");
            await peer.SendStreamMessageAsync(1, "1"u8.ToArray());
        });

        Assert.Contains("request 1, which has no request stream", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamMessages_BeyondTheStreamsCredit_AreAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(async peer =>
        {
            await peer.SendStreamRequestAsync(1, Service, "WaitForever", "client", "[\"raw-credit\"]");
            var chunk = new byte[RpcConnectionChunk];
            // Whole messages the handler does not read stay charged to the stream (chunks of an unfinished one would not).
            for (var sent = 0; sent <= new ProtocolLimits().StreamWindowBytes; sent += FrameHeader.Size + chunk.Length)
            {
                await peer.SendStreamMessageAsync(1, chunk);
            }
        });

        Assert.Contains("exceeds the credit granted to its stream", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamMessages_BeyondTheConnectionsCredit_AreAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(
            async peer =>
            {
                var chunk = new byte[RpcConnectionChunk];
                for (ulong id = 1; id <= 8; id++)
                {
                    await peer.SendStreamRequestAsync(id, Service, "WaitForever", "client", $"[\"raw-connection-{id}\"]");
                    await peer.SendStreamMessageAsync(id, chunk);
                }
            },
            o => o.Limits.ConnectionWindowBytes = 64 * 1024);

        Assert.Contains("exceeds the credit granted to the connection", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedMessage_LargerThanMaxPayload_IsAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(
            async peer =>
            {
                await peer.SendStreamRequestAsync(1, Service, "WaitForever", "client", "[\"raw-large\"]");
                for (var i = 0; i < 3; i++)
                {
                    await peer.SendStreamMessageAsync(1, new byte[1024], more: true);
                }
            },
            o => o.Limits.MaxPayloadBytes = 2048);

        Assert.Contains("larger than the max-payload of 2048 bytes", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamEnd_InTheMiddleOfAChunkedMessage_IsAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(async peer =>
        {
            await peer.SendStreamRequestAsync(1, Service, "WaitForever", "client", "[\"raw-mid\"]");
            await peer.SendStreamMessageAsync(1, "1"u8.ToArray(), more: true);
            await peer.SendFrameAsync(FrameType.StreamEnd, 1);
        });

        Assert.Contains("ended in the middle of a chunked message", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamEnd_Twice_IsAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(async peer =>
        {
            await peer.SendStreamRequestAsync(1, Service, "WaitForever", "client", "[\"raw-twice\"]");
            await peer.SendFrameAsync(FrameType.StreamEnd, 1);
            await peer.SendFrameAsync(FrameType.StreamEnd, 1);
        });

        Assert.Contains("ended twice", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestStreamMessage_InAnotherCodec_FailsTheCallWithInvalidArgument()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        await peer.SendStreamRequestAsync(1, Service, "Sum", "client");
        await peer.SendFrameAsync(FrameType.StreamMessage, 1, payload: [0x05], codec: 2);
        await peer.SendFrameAsync(FrameType.StreamEnd, 1);
        var response = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(StatusCode.InvalidArgument, response.Header.Status);
        Assert.Contains("is in codec 2, but the call uses json (1)", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamEnd_WithAStatus_FailsTheHandlersReadWithIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        await peer.SendStreamRequestAsync(1, Service, "Sum", "client");
        await peer.SendStreamMessageAsync(1, "5"u8.ToArray());
        await peer.SendFrameAsync(FrameType.StreamEnd, 1, payload: "the sensor went away"u8.ToArray(), status: StatusCode.Aborted);
        var response = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(StatusCode.Aborted, response.Header.Status);
        Assert.Equal("the client abandoned its request stream: the sensor went away", response.Text);
    }

    [Theory]
    [InlineData(0u, "grants 0 bytes")]
    [InlineData(0x8000_0000u, "grants 2147483648 bytes")]
    [InlineData(0x7FFF_FFFFu, "takes its window past 2147483647 bytes")]
    public async Task Credit_ZeroTooLargeOrOverflowing_IsAProtocolError(uint grant, string expected)
    {
        var goAway = await SendAndExpectProtocolErrorAsync(async peer =>
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(payload, grant);
            await peer.SendFrameAsync(FrameType.Credit, 0, payload: payload);
        });

        Assert.Contains(expected, goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credit_ForAUnaryCall_IsAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(async peer =>
        {
            await peer.SendRequestAsync(1, "TestService", "Block", "[\"raw-credit-unary\"]");
            await peer.SendFrameAsync(FrameType.Credit, 1, payload: [0, 0, 1, 0]);
        });

        Assert.Contains("request 1, which has no response stream", goAway, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hello_WithAWindowBelowTheMinimum_IsAProtocolError()
    {
        var goAway = await SendAndExpectProtocolErrorAsync(
            peer => peer.SendFrameAsync(FrameType.Hello, 0, new RpcMetadata().Add("stream-window", "1024")),
            sendHello: false);

        Assert.Contains("below the minimum of 65536 bytes", goAway, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sideways", StatusCode.InvalidArgument, "is not server, client or bidi")]
    [InlineData("client", StatusCode.Unimplemented, "server-streaming method; it was called as a client-streaming one")]
    public async Task Request_WithAWrongStreamKind_FailsTheCallAlone(string kind, StatusCode status, string expected)
    {
        await using var server = await TestServer.StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHelloAsync();

        await peer.SendStreamRequestAsync(1, Service, "Count", kind, "[1]");
        var response = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();
        await peer.SendRequestAsync(2, "TestService", "Add", "[1,2]");
        var next = await peer.ReadFrameAsync(FrameType.Response).DefaultTimeout();

        Assert.Equal(status, response.Header.Status);
        Assert.Contains(expected, response.Text, StringComparison.Ordinal);
        Assert.Equal("3", next.Text);
    }

    // The chunk size a peer sends at most: what Parley itself uses.
    private const int RpcConnectionChunk = 16 * 1024;

    private static async Task<string> SendAndExpectProtocolErrorAsync(
        Func<RawPeer, Task> send, Action<Parley.Server.RpcServerOptions>? configure = null, bool sendHello = true)
    {
        await using var server = await TestServer.StartAsync(configure);
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        if (sendHello)
        {
            await peer.SendHelloAsync();
        }

        try
        {
            await send(peer);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The server may close while the peer is still sending.
        }

        var frames = await peer.ReadUntilClosedAsync().DefaultTimeout();
        var goAway = Assert.Single(frames, f => f.Header.Type == FrameType.GoAway);
        Assert.StartsWith("protocol error: ", goAway.Text, StringComparison.Ordinal);
        await TaskTimeouts.WaitUntilAsync(() => server.Server.Statistics.ProtocolErrors == 1, "the protocol error is counted");
        return goAway.Text;
    }

    private static async Task<int> ReadCreditAsync(RawPeer peer, ulong requestId)
    {
        while (true)
        {
            var frame = await peer.ReadFrameAsync().DefaultTimeout() ?? throw new InvalidOperationException("closed before CREDIT");
            if (frame.Header.Type == FrameType.Credit && frame.Header.RequestId == requestId)
            {
                return (int)BinaryPrimitives.ReadUInt32BigEndian(frame.Payload);
            }
        }
    }
}

using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

/// <summary>A server that breaks the streaming rules loses the connection; the client's calls fail with the reason.</summary>
public sealed class ClientStreamProtocolTests
{
    [Fact]
    public async Task StreamEndFromTheServer_IsAProtocolError()
    {
        var error = await ServerSendsAsync(async (peer, id) => await peer.SendFrameAsync(FrameType.StreamEnd, id));

        Assert.Contains("a client does not accept StreamEnd frames", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamMessageForAnIdNeverSent_IsAProtocolError()
    {
        var error = await ServerSendsAsync(async (peer, id) => await peer.SendStreamMessageAsync(id + 5, "1"u8.ToArray()));

        Assert.Contains("which this client never sent", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamMessageForAUnaryCall_IsAProtocolError()
    {
        using var scripted = new ScriptedServer();
        await using var client = new RpcClient(scripted.EndPoint);
        var call = client.InvokeAsync("S", "M");
        await using var peer = await scripted.AcceptAsync().DefaultTimeout();
        var request = await peer.ReadFrameAsync(FrameType.Request).DefaultTimeout();

        await peer.SendStreamMessageAsync(request.Header.RequestId, "1"u8.ToArray());

        var error = await Assert.ThrowsAsync<RpcException>(() => call).DefaultTimeout();
        Assert.Contains("which has no response stream", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesBeyondTheClientsCredit_AreAProtocolError()
    {
        var error = await ServerSendsAsync(async (peer, id) =>
        {
            var chunk = System.Text.Encoding.UTF8.GetBytes("\"" + new string('a', (16 * 1024) - 2) + "\"");
            // Twice the window: beyond the credit even after the first message, which the test reads, is granted back.
            for (var sent = 0; sent <= 2 * new ProtocolLimits().StreamWindowBytes; sent += FrameHeader.Size + chunk.Length)
            {
                await peer.SendStreamMessageAsync(id, chunk);
            }
        });

        Assert.Contains("exceeds the credit granted to its stream", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseInTheMiddleOfAChunkedMessage_EndsTheStreamAndDropsThePart()
    {
        using var scripted = new ScriptedServer();
        await using var client = new RpcClient(scripted.EndPoint);
        var items = client.ServerStreamAsync<string>("S", "M").GetAsyncEnumerator();
        var first = items.MoveNextAsync().AsTask();
        await using var peer = await scripted.AcceptAsync().DefaultTimeout();
        var request = await peer.ReadFrameAsync(FrameType.Request).DefaultTimeout();
        var id = request.Header.RequestId;

        Assert.Equal("server", request.Metadata.Get(RpcMetadata.StreamKey));
        await peer.SendStreamMessageAsync(id, "\"whole\""u8.ToArray());
        await peer.SendStreamMessageAsync(id, "\"par"u8.ToArray(), more: true);
        await peer.SendFrameAsync(FrameType.Response, id, payload: "stopped"u8.ToArray(), status: StatusCode.Aborted);

        Assert.True(await first.DefaultTimeout());
        Assert.Equal("whole", items.Current);
        var error = await Assert.ThrowsAsync<RpcException>(() => items.MoveNextAsync().AsTask()).DefaultTimeout();
        Assert.Equal((StatusCode.Aborted, "stopped"), (error.StatusCode, error.Detail));
        await items.DisposeAsync();
    }

    // Opens a server stream against a scripted server, lets it send what it wants, and returns how the stream failed.
    private static async Task<RpcException> ServerSendsAsync(Func<RawPeer, ulong, Task> send)
    {
        using var scripted = new ScriptedServer();
        await using var client = new RpcClient(scripted.EndPoint);
        var items = client.ServerStreamAsync<object?>("S", "M").GetAsyncEnumerator();
        var next = items.MoveNextAsync().AsTask(); // starts the call; the test reads nothing more until the server is done
        await using var peer = await scripted.AcceptAsync().DefaultTimeout();
        var request = await peer.ReadFrameAsync(FrameType.Request).DefaultTimeout();

        try
        {
            await send(peer, request.Header.RequestId);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The client may close while the server is still sending.
        }

        // Reading items gives credit back, so the test reads nothing until the client has judged every frame and closed.
        await peer.ReadUntilClosedAsync().DefaultTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (!await next.DefaultTimeout())
            {
                return;
            }

            while (await items.MoveNextAsync().AsTask().DefaultTimeout())
            {
            }
        });
        await items.DisposeAsync();
        Assert.StartsWith("protocol error: ", error.Detail, StringComparison.Ordinal);
        return error;
    }
}

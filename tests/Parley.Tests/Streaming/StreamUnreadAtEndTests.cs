using Parley.Client;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Streaming;

/// <summary>
/// A server may end a stream while the client still holds messages it has not read. The call's timeout covers the
/// whole stream, reading included, and so does the caller's token: the unread messages are dropped when either ends.
/// The client's clock is a manual one, so the deadline passes exactly when the test says.
/// </summary>
public sealed class StreamUnreadAtEndTests
{
    private const int Sent = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(StatusCode.Ok)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task DeadlinePassesWhileMessagesAreUnread_TheRestAreDropped_AndTheReaderGetsDeadlineExceeded(StatusCode end)
    {
        await using var scene = await Scene.StartAsync(end);

        scene.Clock.Advance(Timeout);

        var error = await Assert.ThrowsAsync<RpcException>(() => scene.Items.MoveNextAsync().AsTask()).DefaultTimeout();
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("within its timeout of 5000 ms", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancelsWhileMessagesAreUnread_TheRestAreDropped_AndTheReaderGetsCancelled()
    {
        using var cancel = new CancellationTokenSource();
        await using var scene = await Scene.StartAsync(StatusCode.Ok, cancel.Token);

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => scene.Items.MoveNextAsync().AsTask()).DefaultTimeout();
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task WithinTheDeadline_EveryMessageSentBeforeTheEndIsRead_ThenTheStreamEnds()
    {
        await using var scene = await Scene.StartAsync(StatusCode.Ok);

        scene.Clock.Advance(Timeout - TimeSpan.FromMilliseconds(100));
        var read = new List<string> { scene.Items.Current };
        while (await scene.Items.MoveNextAsync().AsTask().DefaultTimeout())
        {
            read.Add(scene.Items.Current);
        }

        Assert.Equal(Enumerable.Range(0, Sent).Select(i => $"m{i}"), read);
        scene.Clock.Advance(Timeout); // the deadline passing after the end changes nothing
    }

    // A server-streaming call whose server has sent every message and ended the call; the client has read all of it
    // off the connection and the caller has taken the first message: the others wait unread.
    private sealed class Scene : IAsyncDisposable
    {
        private readonly ScriptedServer _scripted = new();
        private RpcClient _client = null!;
        private RawPeer _peer = null!;

        public ManualTimeProvider Clock { get; } = new();

        public IAsyncEnumerator<string> Items { get; private set; } = null!;

        public static async Task<Scene> StartAsync(StatusCode end, CancellationToken cancellationToken = default)
        {
            var scene = new Scene();
            scene._client = new RpcClient(scene._scripted.EndPoint, new RpcClientOptions { TimeProvider = scene.Clock });
            scene.Items = scene._client
                .ServerStreamAsync<string>("S", "M", options: new CallOptions { Timeout = Timeout }, cancellationToken: cancellationToken)
                .GetAsyncEnumerator(CancellationToken.None); // the call's own token is the one under test
            var first = scene.Items.MoveNextAsync().AsTask();
            scene._peer = await scene._scripted.AcceptAsync().DefaultTimeout();
            var id = (await scene._peer.ReadFrameAsync(FrameType.Request).DefaultTimeout()).Header.RequestId;
            for (var i = 0; i < Sent; i++)
            {
                await scene._peer.SendStreamMessageAsync(id, System.Text.Encoding.UTF8.GetBytes($"\"m{i}\""));
            }

            await scene._peer.SendFrameAsync(FrameType.Response, id, payload: end == StatusCode.Ok ? null : "ended"u8.ToArray(), status: end);
            await scene._peer.SendFrameAsync(FrameType.Ping, 0, payload: [0, 0, 0, 0, 0, 0, 0, 1]);
            await scene._peer.ReadFrameAsync(FrameType.Pong).DefaultTimeout(); // frames are read in order: the end came first

            Assert.True(await first.DefaultTimeout());
            Assert.Equal("m0", scene.Items.Current);
            return scene;
        }

        public async ValueTask DisposeAsync()
        {
            await Items.DisposeAsync();
            await _client.DisposeAsync();
            await _peer.DisposeAsync();
            _scripted.Dispose();
        }
    }
}

using Parley.Connections;
using Parley.Protocol;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Connections;

/// <summary>The parts flow control is made of, on their own: the outbox's two queues, send and receive windows.</summary>
public sealed class FlowControlPartsTests
{
    [Fact]
    public void Outbox_CallFramesGoBeforeStreamFrames_AndEachQueueKeepsItsOrder()
    {
        var outbox = new FrameOutbox();
        outbox.TryEnqueue(Frame(1), isStream: true);
        outbox.TryEnqueue(Frame(2), isStream: false);
        outbox.TryEnqueue(Frame(3), isStream: true);
        outbox.TryEnqueue(Frame(4), isStream: false);

        var order = new List<ulong>();
        while (outbox.TryDequeue(allowStream: true, out var frame, out _))
        {
            order.Add(RequestId(frame));
            frame.Release();
        }

        Assert.Equal([2UL, 4UL, 1UL, 3UL], order);
    }

    [Fact]
    public void Outbox_StreamFramesWaitWhenTheFlushBudgetIsSpent()
    {
        var outbox = new FrameOutbox();
        outbox.TryEnqueue(Frame(1), isStream: true);

        Assert.False(outbox.TryDequeue(allowStream: false, out _, out _));
        Assert.True(outbox.QueuedStreamBytes > 0);
        Assert.True(outbox.TryDequeue(allowStream: true, out var frame, out var isStream));
        Assert.True(isStream);
        Assert.Equal(0, outbox.QueuedStreamBytes);
        frame.Release();
    }

    [Fact]
    public async Task Outbox_WaitingReader_WakesOnEnqueueAndEndsAfterCompleteOnceEmpty()
    {
        var outbox = new FrameOutbox();
        var waiting = outbox.WaitToReadAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        outbox.TryEnqueue(Frame(1), isStream: false);
        Assert.True(await waiting.DefaultTimeout());
        outbox.Complete();

        Assert.False(outbox.TryEnqueue(Frame(2), isStream: false)); // the caller keeps the frame it could not queue
        Assert.True(await outbox.WaitToReadAsync().AsTask().DefaultTimeout());
        Assert.True(outbox.TryDequeue(allowStream: true, out var frame, out _));
        frame.Release();
        Assert.False(await outbox.WaitToReadAsync().AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task SendWindow_WaitersAreServedInArrivalOrderAsCreditArrives()
    {
        var window = new SendWindow(100);
        Assert.True(window.TryTake(60));
        var first = window.TakeAsync(50, CancellationToken.None).AsTask();
        var second = window.TakeAsync(10, CancellationToken.None).AsTask();

        // 40 left: enough for the second, but it must not overtake the first.
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.False(window.TryTake(10));

        Assert.True(window.Add(20));
        await Task.WhenAll(first, second).DefaultTimeout();
        Assert.Equal(0, window.Available);
    }

    [Fact]
    public async Task SendWindow_CancelledWaiter_LetsTheNextOneTakeTheCredit()
    {
        var window = new SendWindow(30);
        using var cancel = new CancellationTokenSource();
        var big = window.TakeAsync(100, cancel.Token).AsTask();
        var small = window.TakeAsync(20, CancellationToken.None).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => big).DefaultTimeout();
        await small.DefaultTimeout();
        Assert.Equal(10, window.Available);
    }

    [Fact]
    public async Task SendWindow_Closed_FailsWaitersAndLaterTakes()
    {
        var window = new SendWindow(0);
        var waiting = window.TakeAsync(1, CancellationToken.None).AsTask();
        var reason = new RpcException(StatusCode.Unavailable, "gone");

        window.Close(reason);

        Assert.Same(reason, await Assert.ThrowsAsync<RpcException>(() => waiting).DefaultTimeout());
        Assert.Same(reason, await Assert.ThrowsAsync<RpcException>(() => window.TakeAsync(1, CancellationToken.None).AsTask()));
        Assert.False(window.TryTake(0));
    }

    [Fact]
    public void SendWindow_CreditPastTheMaximum_IsRefused()
    {
        var window = new SendWindow(SendWindow.MaxCredit - 10);

        Assert.True(window.Add(10));
        Assert.False(window.Add(1));
    }

    [Fact]
    public void ReceiveWindow_WhilePeerHasCredit_GrantsInBatchesOfHalfTheWindow()
    {
        var window = new ReceiveWindow(1024 * 1024);

        Assert.True(window.TrySpend(600_000));
        Assert.False(window.TrySpend(600_000));
        Assert.Equal(0, window.Release(524_287));
        Assert.Equal(524_288, window.Release(1));
        Assert.Equal(1024 * 1024 - 600_000 + 524_288, window.Outstanding);
        Assert.Equal(0, window.Unreturned);
    }

    [Fact]
    public void ReceiveWindow_PeerNearlyOutOfCredit_GrantsWhateverWasReleased()
    {
        // Unread streams hold most of the window: the small part still being read must flow, in small batches.
        var window = new ReceiveWindow(1024 * 1024);
        Assert.True(window.TrySpend(1024 * 1024 - 1000));

        Assert.Equal(5_000, window.Release(5_000));
        Assert.Equal(6_000, window.Outstanding);
    }

    private static OutgoingFrame Frame(ulong requestId) =>
        FrameBuilder.Create(FrameType.StreamMessage, StatusCode.Ok, requestId, null, [1, 2, 3]);

    private static ulong RequestId(OutgoingFrame frame) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(frame.Span[8..]);
}

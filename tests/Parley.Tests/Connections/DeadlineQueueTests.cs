using Parley.Connections;
using Parley.Tests.TestSupport;

namespace Parley.Tests.Connections;

public sealed class DeadlineQueueTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly object _gate = new();
    private readonly List<string> _expired = [];
    private readonly DeadlineQueue _queue;

    public DeadlineQueueTests() =>
        _queue = new DeadlineQueue(_gate, _clock, claim: _ => true, expire: item => _expired.Add(((Named)item).Name));

    [Fact]
    public void Items_ExpireWhenTheirDeadlinePasses_InDeadlineOrder_WhateverOrderTheyCameIn()
    {
        Add("b", 200);
        Add("a", 100);
        Add("d", 400);
        Add("c", 300);

        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Empty(_expired);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a"], _expired);

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(["a", "b", "c"], _expired);

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(["a", "b", "c", "d"], _expired);
    }

    [Fact]
    public void RemovedItems_NeverExpire_FromAnyPlaceInTheQueue()
    {
        var first = Add("first", 100);
        Add("kept", 200);
        var middle = Add("middle", 300);
        Add("kept-too", 400);
        var last = Add("last", 500);
        lock (_gate)
        {
            _queue.Remove(first);
            _queue.Remove(middle);
            _queue.Remove(last);
            _queue.Remove(last); // twice is harmless
        }

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["kept", "kept-too"], _expired);
    }

    [Fact]
    public void OneTimer_ServesEveryItem_AndIsReArmedOnlyForAnEarlierDeadline()
    {
        // Many calls with one timeout: the first arms the timer, the later ones (later deadlines) leave it alone.
        for (var i = 0; i < 100; i++)
        {
            Add($"call-{i}", 30_000);
            _clock.Advance(TimeSpan.FromTicks(1));
        }

        Assert.Equal(1, _clock.TimersCreated);
        Assert.Equal(1, _clock.Arms);

        Add("urgent", 50); // earlier than anything queued: the timer must move
        Assert.Equal(2, _clock.Arms);

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(["urgent"], _expired);
    }

    [Fact]
    public void TimerFiringWhenTheFirstItemHasLeft_ReArmsForTheNextOne()
    {
        var early = Add("early", 100);
        Add("late", 1_000);
        lock (_gate)
        {
            _queue.Remove(early); // the timer stays armed for 100 ms
        }

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Empty(_expired);

        _clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(["late"], _expired);
    }

    [Fact]
    public void ItemsNotClaimed_AreDroppedWithoutExpiring()
    {
        var queue = new DeadlineQueue(_gate, _clock, claim: item => ((Named)item).Name != "taken", expire: item => _expired.Add(((Named)item).Name));
        lock (_gate)
        {
            queue.Add(new Named("taken"), queue.DeadlineAfter(TimeSpan.FromMilliseconds(10)));
            queue.Add(new Named("expires"), queue.DeadlineAfter(TimeSpan.FromMilliseconds(10)));
        }

        _clock.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(["expires"], _expired);
    }

    [Fact]
    public void Close_EmptiesTheQueue_AndNothingExpiresAfterwards()
    {
        Add("a", 100);
        lock (_gate)
        {
            _queue.Close();
        }

        Add("after-close", 100);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_expired);
    }

    [Fact]
    public void AnItem_CanBeQueuedAgainAfterItLeft_AsAReusedCallIs()
    {
        var call = Add("reused", 100);
        lock (_gate)
        {
            _queue.Remove(call);
            _queue.Add(call, _queue.DeadlineAfter(TimeSpan.FromMilliseconds(300)));
        }

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Empty(_expired);

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(["reused"], _expired);
    }

    private Named Add(string name, int milliseconds)
    {
        var item = new Named(name);
        lock (_gate)
        {
            _queue.Add(item, _queue.DeadlineAfter(TimeSpan.FromMilliseconds(milliseconds)));
        }

        return item;
    }

    private sealed class Named(string name) : DeadlineItem
    {
        public string Name { get; } = name;
    }
}

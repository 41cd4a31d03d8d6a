namespace Parley.Connections;

/// <summary>
/// The deadlines of one connection's calls, with one timer for all of them, armed for the earliest. A timer per call
/// costs two objects and a trip through the runtime's timer queue for every call; here adding and removing a call
/// allocate nothing and, because deadlines mostly arrive in order, take constant time.
/// </summary>
/// <remarks>
/// Not thread-safe on its own: the owner calls <see cref="Add"/>, <see cref="Remove"/> and <see cref="Clear"/> under
/// its lock and gives the queue that lock, which the timer takes too. When deadlines pass, <c>claim</c> runs under the
/// lock for each item, so the owner can take it out of its own tables atomically; <c>expire</c> then runs outside the
/// lock for the items claimed.
/// </remarks>
internal sealed class DeadlineQueue
{
    private readonly object _gate;
    private readonly TimeProvider _time;
    private readonly Func<DeadlineItem, bool> _claim;
    private readonly Action<DeadlineItem> _expire;
    private ITimer? _timer;
    private long _armedFor = long.MaxValue;
    private bool _disposed;
    private DeadlineItem? _first;
    private DeadlineItem? _last;

    public DeadlineQueue(object gate, TimeProvider time, Func<DeadlineItem, bool> claim, Action<DeadlineItem> expire)
    {
        _gate = gate;
        _time = time;
        _claim = claim;
        _expire = expire;
    }

    /// <summary>The timestamp <paramref name="timeout"/> from now.</summary>
    public long DeadlineAfter(TimeSpan timeout) =>
        _time.GetTimestamp() + (long)(timeout.Ticks * ((double)_time.TimestampFrequency / TimeSpan.TicksPerSecond));

    /// <summary>Queues <paramref name="item"/> to expire at <paramref name="deadline"/>. Under the owner's lock.</summary>
    public void Add(DeadlineItem item, long deadline)
    {
        item.DeadlineTimestamp = deadline;
        item.QueuedIn = this;

        // From the back: with one timeout for most calls, the new deadline is the latest and links at the end.
        var before = _last;
        while (before is not null && before.DeadlineTimestamp > deadline)
        {
            before = before.PreviousByDeadline;
        }

        item.PreviousByDeadline = before;
        item.NextByDeadline = before is null ? _first : before.NextByDeadline;
        if (item.NextByDeadline is { } next)
        {
            next.PreviousByDeadline = item;
        }
        else
        {
            _last = item;
        }

        if (before is null)
        {
            _first = item;
            Arm(deadline);
        }
        else
        {
            before.NextByDeadline = item;
        }
    }

    /// <summary>Takes <paramref name="item"/> out of the queue if it is in it. Under the owner's lock.</summary>
    public void Remove(DeadlineItem item)
    {
        if (item.QueuedIn != this)
        {
            return;
        }

        // The timer stays armed: when it fires early it finds nothing due and re-arms for the new first deadline.
        var (previous, next) = (item.PreviousByDeadline, item.NextByDeadline);
        if (previous is null)
        {
            _first = next;
        }
        else
        {
            previous.NextByDeadline = next;
        }

        if (next is null)
        {
            _last = previous;
        }
        else
        {
            next.PreviousByDeadline = previous;
        }

        item.PreviousByDeadline = null;
        item.NextByDeadline = null;
        item.QueuedIn = null;
    }

    /// <summary>Empties the queue; nothing in it expires any more. Under the owner's lock.</summary>
    public void Clear()
    {
        while (_first is { } first)
        {
            Remove(first);
        }
    }

    /// <summary>Empties the queue and stops the timer for good, when the connection closes. Under the owner's lock.</summary>
    public void Close()
    {
        _disposed = true;
        Clear();
        _timer?.Dispose();
    }

    private void Arm(long deadline)
    {
        if (deadline >= _armedFor || _disposed)
        {
            return;
        }

        _armedFor = deadline;

        // Rounded up to whole milliseconds (the timer's resolution), so it never fires just before the deadline.
        var ticks = (deadline - _time.GetTimestamp()) * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency;
        var due = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(ticks / TimeSpan.TicksPerMillisecond)));
        if (_timer is null)
        {
            _timer = _time.CreateTimer(static state => ((DeadlineQueue)state!).OnTimer(), this, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        List<DeadlineItem>? expired = null;
        lock (_gate)
        {
            _armedFor = long.MaxValue;
            var now = _time.GetTimestamp();
            while (_first is { } first && first.DeadlineTimestamp <= now)
            {
                Remove(first);
                if (_claim(first))
                {
                    (expired ??= []).Add(first);
                }
            }

            if (_first is { } next)
            {
                Arm(next.DeadlineTimestamp);
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var item in expired)
        {
            _expire(item);
        }
    }
}

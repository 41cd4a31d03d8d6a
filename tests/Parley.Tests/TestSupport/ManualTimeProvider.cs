namespace Parley.Tests.TestSupport;

/// <summary>
/// A clock that moves only when told to, with timers that fire when it passes their due time. Its timestamp counts
/// ticks (frequency 10,000,000), so a TimeSpan converts exactly.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private long _now = TimeSpan.TicksPerDay; // not zero: nothing may treat 0 as "unset"

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    /// <summary>The timers created so far, including disposed ones.</summary>
    public int TimersCreated
    {
        get
        {
            lock (_timers)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Whether some timer is armed and waiting for the clock to reach its due time.</summary>
    public bool HasTimerDue
    {
        get
        {
            lock (_timers)
            {
                return _timers.Exists(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>How many times a timer was armed (created with a due time, or changed).</summary>
    public int Arms { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and runs, on this thread, every timer that falls due.</summary>
    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _now, by.Ticks);
        while (true)
        {
            ManualTimer? due;
            lock (_timers)
            {
                due = _timers.Find(t => t.DueAt is { } at && at <= _now);
                if (due is not null)
                {
                    // A periodic timer comes round again one period after it fired, however far the clock jumped: a
                    // jump is a stall, after which a real timer also fires once, late, rather than once per period.
                    due.DueAt = due.Period is { } period ? _now + period.Ticks : null;
                }
            }

            if (due is null)
            {
                return;
            }

            due.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public long? DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._timers)
            {
                clock.Arms++;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetTimestamp() + dueTime.Ticks;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._timers)
            {
                DueAt = null;
                Period = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

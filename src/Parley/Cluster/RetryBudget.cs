namespace Parley.Cluster;

/// <summary>
/// Caps retries at a share of calls over a sliding window, plus a small allowance per second, so that a failing
/// service sees at most about (1 + ratio) times its normal load however many callers retry. Calls and retries are
/// counted in one-second buckets. Thread-safe.
/// </summary>
internal sealed class RetryBudget
{
    private readonly double _ratio;
    private readonly long _allowance;
    private readonly TimeProvider _time;
    private readonly long[] _calls;
    private readonly long[] _retries;
    private readonly Lock _gate = new();
    private long _currentSecond;

    public RetryBudget(RetryOptions options, TimeProvider time)
    {
        _ratio = options.BudgetRatio;
        var seconds = Math.Max(1, (int)Math.Ceiling(options.BudgetWindow.TotalSeconds));
        _allowance = (long)options.MinRetriesPerSecond * seconds;
        _time = time;
        _calls = new long[seconds];
        _retries = new long[seconds];
        _currentSecond = Now();
    }

    /// <summary>Retries refused so far because the budget was spent.</summary>
    public long Refused { get; private set; }

    /// <summary>Counts a call (its first attempt).</summary>
    public void CallStarted()
    {
        lock (_gate)
        {
            Advance();
            _calls[Slot(_currentSecond)]++;
        }
    }

    /// <summary>Takes one retry (or hedge) from the budget; false when it is spent.</summary>
    public bool TryRetry()
    {
        lock (_gate)
        {
            Advance();
            long calls = 0, retries = 0;
            for (var i = 0; i < _calls.Length; i++)
            {
                calls += _calls[i];
                retries += _retries[i];
            }

            if (retries + 1 > _ratio * calls + _allowance)
            {
                Refused++;
                return false;
            }

            _retries[Slot(_currentSecond)]++;
            return true;
        }
    }

    // Clears the buckets of the seconds that have passed since the last call, oldest first.
    private void Advance()
    {
        var now = Now();
        var passed = Math.Min(now - _currentSecond, _calls.Length);
        for (var i = 1; i <= passed; i++)
        {
            var slot = Slot(_currentSecond + i);
            _calls[slot] = 0;
            _retries[slot] = 0;
        }

        _currentSecond = Math.Max(now, _currentSecond);
    }

    private int Slot(long second) => (int)(second % _calls.Length);

    private long Now() => (long)(_time.GetTimestamp() / (double)_time.TimestampFrequency);
}

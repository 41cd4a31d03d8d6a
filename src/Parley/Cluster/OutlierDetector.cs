namespace Parley.Cluster;

/// <summary>
/// Passive health of one instance: consecutive failed calls eject it, and so does an unanswered heartbeat. The n-th
/// ejection in a row lasts n times the base time (up to the maximum); after it the instance must answer a heartbeat
/// probe before it gets calls again. A long healthy stretch forgets earlier ejections. Thread-safe.
/// </summary>
internal sealed class OutlierDetector(HealthCheckOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private int _ejections;
    private long _ejectedAt;
    private TimeSpan _ejection;
    private long _returnedAt;
    private bool _ejected;

    /// <summary>True while ejected, including after the ejection time until a probe succeeds.</summary>
    public bool IsEjected
    {
        get
        {
            lock (_gate)
            {
                return _ejected;
            }
        }
    }

    /// <summary>Times ejected so far (the count that sets the next ejection's length).</summary>
    public int Ejections
    {
        get
        {
            lock (_gate)
            {
                return _ejections;
            }
        }
    }

    /// <summary>True when ejected and the ejection time has passed: time for a probe.</summary>
    public bool ProbeDue
    {
        get
        {
            lock (_gate)
            {
                return _ejected && OverLocked();
            }
        }
    }

    /// <summary>Counts a call's outcome; true when this failure ejected the instance.</summary>
    public bool Record(bool failed)
    {
        lock (_gate)
        {
            if (!failed)
            {
                _consecutiveFailures = 0;
                if (_ejections > 0 && !_ejected && time.GetElapsedTime(_returnedAt) > options.MaxEjectionTime)
                {
                    _ejections = 0; // healthy for a long while: the next ejection starts short again
                }

                return false;
            }

            if (options.ConsecutiveFailures == 0 || _ejected || ++_consecutiveFailures < options.ConsecutiveFailures)
            {
                return false;
            }

            EjectLocked();
            return true;
        }
    }

    /// <summary>Ejects at once (an unanswered heartbeat, or a failed probe); false when already ejected and not probing.</summary>
    public bool Eject()
    {
        lock (_gate)
        {
            if (_ejected && !OverLocked())
            {
                return false;
            }

            EjectLocked();
            return true;
        }
    }

    /// <summary>A probe succeeded: the instance takes calls again.</summary>
    public void Return()
    {
        lock (_gate)
        {
            _ejected = false;
            _consecutiveFailures = 0;
            _returnedAt = time.GetTimestamp();
        }
    }

    private void EjectLocked()
    {
        _ejections++;
        _ejection = TimeSpan.FromTicks(Math.Min(options.BaseEjectionTime.Ticks * _ejections, options.MaxEjectionTime.Ticks));
        _ejectedAt = time.GetTimestamp();
        _ejected = true;
        _consecutiveFailures = 0;
    }

    // Whether the current ejection's time is up.
    private bool OverLocked() => time.GetElapsedTime(_ejectedAt) >= _ejection;
}

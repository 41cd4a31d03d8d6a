namespace Parley.Cluster;

/// <summary>
/// How a client decides an instance is sick: actively, with a heartbeat PING over each open connection, and
/// passively, from consecutive failed calls. A sick instance is ejected (gets no calls) for a time that grows with
/// each ejection, then probed with a heartbeat before it is taken back.
/// </summary>
public sealed class HealthCheckOptions
{
    /// <summary>How often each open connection is pinged; <see cref="Timeout.InfiniteTimeSpan"/> turns heartbeats off.</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a heartbeat may go unanswered before the connection is closed and its instance ejected.</summary>
    /// <value>Default 2 s.</value>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive failed calls (connection lost, UNAVAILABLE, INTERNAL, UNKNOWN, DATA_LOSS, DEADLINE_EXCEEDED)
    /// that eject an instance; 0 turns passive ejection off.</summary>
    /// <value>Default 5.</value>
    public int ConsecutiveFailures { get; set; } = 5;

    /// <summary>The first ejection's length; the n-th ejection in a row lasts n times as long, up to <see cref="MaxEjectionTime"/>.</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan BaseEjectionTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest ejection.</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan MaxEjectionTime { get; set; } = TimeSpan.FromSeconds(30);

    internal bool HeartbeatsEnabled => HeartbeatInterval != Timeout.InfiniteTimeSpan;

    internal void Validate()
    {
        OptionsGuard.PositiveOrInfinite(HeartbeatInterval, nameof(HeartbeatInterval));
        OptionsGuard.Positive(HeartbeatTimeout, nameof(HeartbeatTimeout));
        OptionsGuard.InRange(ConsecutiveFailures, 0, 1_000_000, nameof(ConsecutiveFailures));
        OptionsGuard.Positive(BaseEjectionTime, nameof(BaseEjectionTime));
        OptionsGuard.Positive(MaxEjectionTime, nameof(MaxEjectionTime));
        if (MaxEjectionTime < BaseEjectionTime)
        {
            throw new ArgumentException($"{nameof(MaxEjectionTime)} ({MaxEjectionTime}) must not be shorter than {nameof(BaseEjectionTime)} ({BaseEjectionTime}).", nameof(MaxEjectionTime));
        }
    }

    internal HealthCheckOptions Clone() => (HealthCheckOptions)MemberwiseClone();
}

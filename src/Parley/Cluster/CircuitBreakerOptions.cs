namespace Parley.Cluster;

/// <summary>
/// A circuit breaker per instance. Closed, it counts the calls that fail because of the instance; when at least
/// <see cref="MinimumThroughput"/> calls in <see cref="SamplingDuration"/> failed at <see cref="FailureRatio"/> or
/// more, it opens: the balancer stops picking the instance for <see cref="BreakDuration"/>. Then it is half-open: one
/// probe call at a time goes through; a good answer closes it, a failure opens it again.
/// </summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>The share of failed calls that opens the breaker.</summary>
    /// <value>Default 0.5. Range above 0 to 1.</value>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The fewest calls in the sampling window before the ratio counts.</summary>
    /// <value>Default 10.</value>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window over which calls are counted.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the breaker stays open before it lets a probe through.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The statuses that count as the instance failing (others, such as NOT_FOUND, are the caller's business).</summary>
    /// <value>Default UNAVAILABLE, INTERNAL, UNKNOWN, DATA_LOSS and DEADLINE_EXCEEDED.</value>
    public IReadOnlySet<StatusCode> FailureStatusCodes { get; set; } = InstanceFailures.DefaultStatusCodes;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(FailureStatusCodes);
        if (double.IsNaN(FailureRatio) || FailureRatio <= 0 || FailureRatio > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FailureRatio), FailureRatio, $"{nameof(FailureRatio)} must be above 0 and at most 1.");
        }

        OptionsGuard.InRange(MinimumThroughput, 2, 1_000_000, nameof(MinimumThroughput));
        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentOutOfRangeException(nameof(SamplingDuration), SamplingDuration, $"{nameof(SamplingDuration)} must be at least 500 ms.");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentOutOfRangeException(nameof(BreakDuration), BreakDuration, $"{nameof(BreakDuration)} must be at least 500 ms.");
        }
    }

    internal CircuitBreakerOptions Clone()
    {
        var copy = (CircuitBreakerOptions)MemberwiseClone();
        copy.FailureStatusCodes = new HashSet<StatusCode>(FailureStatusCodes);
        return copy;
    }
}

namespace Parley.Cluster;

/// <summary>
/// When a failed call is tried again, on another instance where there is one. A call the server never ran (no
/// connection, refused before it was read, a breaker that is open) may always be repeated; one that may have run is
/// repeated only when its method is idempotent and it failed with one of <see cref="RetryableStatusCodes"/>. Every
/// attempt starts inside the call's deadline, and a retry budget keeps a failing service from seeing a retry storm.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>The most attempts per call, the first included; 1 turns retries off.</summary>
    /// <value>Default 3. Range 1 to 10.</value>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The ceiling of the first backoff: each wait is random between zero and the ceiling ("full jitter"),
    /// and the ceiling doubles with each attempt.</summary>
    /// <value>Default 20 ms.</value>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The highest backoff ceiling.</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The statuses after which an idempotent call is tried again.</summary>
    /// <value>Default UNAVAILABLE.</value>
    public IReadOnlySet<StatusCode> RetryableStatusCodes { get; set; } = new HashSet<StatusCode> { StatusCode.Unavailable };

    /// <summary>Retries allowed as a share of calls, over <see cref="BudgetWindow"/>: 0.2 means a failing service sees
    /// at most about 20% more attempts than calls.</summary>
    /// <value>Default 0.2. Range 0 to 10.</value>
    public double BudgetRatio { get; set; } = 0.2;

    /// <summary>Retries always allowed per second, whatever the ratio, so that a client making few calls can still retry.</summary>
    /// <value>Default 10.</value>
    public int MinRetriesPerSecond { get; set; } = 10;

    /// <summary>The window over which calls and retries are counted for the budget.</summary>
    /// <value>Default 10 s. Range 1 s to 10 min.</value>
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(RetryableStatusCodes);
        OptionsGuard.InRange(MaxAttempts, 1, 10, nameof(MaxAttempts));
        OptionsGuard.Positive(InitialBackoff, nameof(InitialBackoff));
        OptionsGuard.Positive(MaxBackoff, nameof(MaxBackoff));
        OptionsGuard.InRange(MinRetriesPerSecond, 0, 1_000_000, nameof(MinRetriesPerSecond));
        if (double.IsNaN(BudgetRatio) || BudgetRatio < 0 || BudgetRatio > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(BudgetRatio), BudgetRatio, $"{nameof(BudgetRatio)} must be between 0 and 10.");
        }

        if (BudgetWindow < TimeSpan.FromSeconds(1) || BudgetWindow > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(BudgetWindow), BudgetWindow, $"{nameof(BudgetWindow)} must be between 1 s and 10 min.");
        }
    }

    internal RetryOptions Clone()
    {
        var copy = (RetryOptions)MemberwiseClone();
        copy.RetryableStatusCodes = new HashSet<StatusCode>(RetryableStatusCodes);
        return copy;
    }
}
